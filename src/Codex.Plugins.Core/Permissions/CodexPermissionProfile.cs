namespace Codex.Plugins;

/// <summary>
/// One effective filesystem or network grant of a resolved permission profile, and where it came from: a line of a
/// config file, a built-in profile, or a rule Codex adds itself (protected metadata folders, requirements).
/// </summary>
public sealed class CodexPermissionGrant
{
    /// <summary>The profile the grant belongs to once resolved.</summary>
    public string Profile { get; init; } = string.Empty;

    /// <summary>Filesystem or Network.</summary>
    public string Kind { get; init; } = "Filesystem";

    /// <summary>The key as written (":workspace_roots/src", "~/.cache", "*.example.com").</summary>
    public string Key { get; init; } = string.Empty;

    /// <summary>The absolute path, glob or host pattern the key resolved to; empty when it resolves to nothing here.</summary>
    public string Target { get; init; } = string.Empty;

    /// <summary>read, write or deny (filesystem; "none" is read as deny); allow or deny (domains, unix sockets).</summary>
    public string Access { get; init; } = string.Empty;

    /// <summary>The profile (or built-in) whose table defined the entry: differs from Profile when inherited by extends.</summary>
    public string DefinedBy { get; init; } = string.Empty;

    /// <summary>Config, BuiltIn, Protected (.git/.codex/.agents/.aws under a writable root), Requirements or Legacy.</summary>
    public string Origin { get; init; } = string.Empty;

    public string? File { get; init; }

    public int? Line { get; init; }

    /// <summary>The rule in TOML form, e.g. <c>"/srv/data" = "write"</c> in [permissions.dev.filesystem].</summary>
    public string Rule { get; init; } = string.Empty;

    public override string ToString() => Rule;
}

/// <summary>A permission profile as Codex 0.169.0 resolves it: extends chain applied, layers merged, paths resolved.</summary>
public sealed class CodexPermissionProfile
{
    public string Name { get; init; } = string.Empty;

    public string? Description { get; init; }

    /// <summary>The profile, its parent, its parent's parent ... ending at a built-in when there is one.</summary>
    public string[] ExtendsChain { get; init; } = Array.Empty<string>();

    /// <summary>Profile ([permissions] mode), Legacy (sandbox_mode) or BuiltIn.</summary>
    public string Mode { get; init; } = string.Empty;

    /// <summary>True when filesystem and network are not sandboxed at all (:danger-full-access, danger-full-access).</summary>
    public bool Unrestricted { get; init; }

    /// <summary>True when this is the profile Codex uses when started here without -P.</summary>
    public bool IsDefault { get; init; }

    /// <summary>False when requirements' allowed_permission_profiles leave the profile out: Codex refuses it.</summary>
    public bool AllowedByRequirements { get; init; } = true;

    /// <summary>The folders the profile treats as workspace roots (the project folder unless given).</summary>
    public string[] WorkspaceRoots { get; init; } = Array.Empty<string>();

    public CodexPermissionGrant[] Filesystem { get; init; } = Array.Empty<CodexPermissionGrant>();

    public bool NetworkEnabled { get; init; }

    public CodexPermissionGrant[] Domains { get; init; } = Array.Empty<CodexPermissionGrant>();

    public CodexPermissionGrant[] UnixSockets { get; init; } = Array.Empty<CodexPermissionGrant>();

    public CodexFinding[] Findings { get; init; } = Array.Empty<CodexFinding>();

    /// <summary>Where the profile's own table starts (null for built-ins).</summary>
    public string? File { get; init; }

    public int? Line { get; init; }

    public string CodexHome { get; init; } = string.Empty;

    public string ProjectPath { get; init; } = string.Empty;

    public override string ToString() => Name;
}

/// <summary>One answer: may this profile read/write this path, or reach this host, and which rule says so.</summary>
public sealed class CodexPermissionDecision
{
    public string Profile { get; init; } = string.Empty;

    /// <summary>The path or host probed, normalised as Codex compares it.</summary>
    public string Target { get; init; } = string.Empty;

    /// <summary>Read, Write (filesystem) or Connect (network).</summary>
    public string Access { get; init; } = string.Empty;

    public bool Allowed { get; init; }

    /// <summary>The rule that decided, e.g. <c>"/srv" = "deny"</c>, or why nothing matched.</summary>
    public string DecidingRule { get; init; } = string.Empty;

    public string? File { get; init; }

    public int? Line { get; init; }

    /// <summary>For an agent's probe: the agent whose request was checked against its parent's sandbox.</summary>
    public string? Agent { get; init; }

    public override string ToString() => $"{Profile} {Access} {Target}: {(Allowed ? "allowed" : "denied")}";
}
