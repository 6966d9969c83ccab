using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Configuration;

/// <summary>
/// One file Codex reads (or would read) as configuration: where it is, whether it is there, whether Codex uses it,
/// and its values.
/// </summary>
public sealed class ConfigLayer
{
    internal ConfigLayer(ConfigLayerKind kind, string path, int precedence, TomlFile? file, bool exists, bool applied, string? skipReason, CodexIssue? error)
    {
        Kind = kind;
        Path = path;
        Precedence = precedence;
        File = file;
        Exists = exists;
        Applied = applied;
        SkipReason = skipReason;
        Error = error;
    }

    public ConfigLayerKind Kind { get; }

    public string Path { get; }

    /// <summary>Higher wins. Requirements constrain rather than override, and carry the highest number.</summary>
    public int Precedence { get; }

    public TomlFile? File { get; }

    public bool Exists { get; }

    /// <summary>True when Codex merges this layer into its effective configuration.</summary>
    public bool Applied { get; }

    /// <summary>Why an existing layer is not applied (untrusted project, unreadable file, ...).</summary>
    public string? SkipReason { get; }

    /// <summary>The problem that stopped the file from being read, if any.</summary>
    public CodexIssue? Error { get; }

    public TomlTableNode? Root => File?.Root;
}
