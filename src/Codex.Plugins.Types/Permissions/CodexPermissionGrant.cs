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
