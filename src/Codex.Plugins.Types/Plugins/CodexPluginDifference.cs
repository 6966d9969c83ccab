namespace Codex.Plugins;

/// <summary>One difference between two versions of a plugin, as Compare-CodexPlugin reports it.</summary>
public sealed class CodexPluginDifference
{
    /// <summary>The plugin (id when known, else its name).</summary>
    public string Plugin { get; init; } = string.Empty;

    /// <summary>Manifest, Skill, McpServer, Hook or App.</summary>
    public string Part { get; init; } = string.Empty;

    /// <summary>The skill, server, hook key, app or manifest field.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Added, Removed or Changed.</summary>
    public string Change { get; init; } = string.Empty;

    /// <summary>For Changed: which property (url, command, env_vars, ...).</summary>
    public string? Property { get; init; }

    public string? ReferenceValue { get; init; }

    public string? DifferenceValue { get; init; }

    /// <summary>True when the newer version can reach more: a new server, host, command, environment variable, hook or app.</summary>
    public bool WidensReach { get; init; }

    /// <summary>A hook that is new or runs a new command needs a trust review again before Codex runs it.</summary>
    public bool NeedsTrustReview { get; init; }

    /// <summary>The CODEX-PLUGIN-020 finding when the change widens reach, else null.</summary>
    public CodexFinding? Finding { get; init; }

    public string ReferencePath { get; init; } = string.Empty;

    public string DifferencePath { get; init; } = string.Empty;

    public override string ToString() => $"{Change} {Part} {Name}{(Property is null ? string.Empty : "." + Property)}";
}
