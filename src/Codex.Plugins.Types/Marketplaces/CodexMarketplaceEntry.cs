namespace Codex.Plugins;

/// <summary>One plugin a marketplace offers.</summary>
public sealed class CodexMarketplaceEntry
{
    public string Name { get; init; } = string.Empty;

    public string Marketplace { get; init; } = string.Empty;

    public string PluginId => $"{Name}@{Marketplace}";

    /// <summary>local, git (an url source), git-subdir or npm.</summary>
    public string SourceKind { get; init; } = string.Empty;

    /// <summary>The resolved folder of a local source.</summary>
    public string? Path { get; init; }

    public string? Url { get; init; }

    /// <summary>The subfolder of a git-subdir (or url) source, without its leading ./.</summary>
    public string? SubPath { get; init; }

    public string? Ref { get; init; }

    /// <summary>The npm package of an npm source.</summary>
    public string? Package { get; init; }

    /// <summary>The npm version or range of an npm source, when it names one.</summary>
    public string? PackageVersion { get; init; }

    /// <summary>The https registry an npm source names; null for npm's configured registry.</summary>
    public string? Registry { get; init; }

    public string? Sha { get; init; }

    /// <summary>NOT_AVAILABLE, AVAILABLE or INSTALLED_BY_DEFAULT (default AVAILABLE).</summary>
    public string InstallPolicy { get; init; } = "AVAILABLE";

    /// <summary>ON_INSTALL or ON_USE (default ON_INSTALL).</summary>
    public string AuthPolicy { get; init; } = "ON_INSTALL";

    public string[]? Products { get; init; }

    public string? Category { get; init; }

    public string ManifestFile { get; init; } = string.Empty;

    public int Line { get; init; }

    public override string ToString() => PluginId;
}
