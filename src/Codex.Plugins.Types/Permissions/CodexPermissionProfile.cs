namespace Codex.Plugins;

/// <summary>A permission profile as Codex 0.169.0 resolves it: extends chain applied, layers merged, paths resolved.</summary>
public sealed class CodexPermissionProfile
{
    public string Name { get; init; } = string.Empty;

    public string? Description { get; init; }

    /// <summary>The profile, its parent, its parent's parent ... ending at a built-in when there is one.</summary>
    public string[] ExtendsChain { get; init; } = Array.Empty<string>();

    /// <summary>Profile ([permissions] mode), Legacy (sandbox_mode) or BuiltIn.</summary>
    public PermissionProfileMode Mode { get; init; }

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
