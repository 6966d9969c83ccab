namespace Codex.Plugins;

/// <summary>A plugin marketplace Codex reads: configured, the repository's own, or the personal one.</summary>
public sealed class CodexMarketplace
{
    /// <summary>The marketplace id, the part after @ in plugin ids.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Configured ([marketplaces.NAME] in config), Repo (the project's git root), Personal (~/.agents) or Curated.</summary>
    public string Kind { get; init; } = string.Empty;

    public string? DisplayName { get; init; }

    /// <summary>The folder plugin paths resolve against.</summary>
    public string Root { get; init; } = string.Empty;

    /// <summary>The marketplace.json read (.agents/plugins/ first, then .claude-plugin/).</summary>
    public string? ManifestPath { get; init; }

    /// <summary>For configured marketplaces: local or git, as recorded by codex plugin marketplace add.</summary>
    public string? SourceType { get; init; }

    public string? Source { get; init; }

    /// <summary>The config file and line that declare a configured marketplace.</summary>
    public string? ConfigFile { get; init; }

    public int? ConfigLine { get; init; }

    /// <summary>False when the manifest could not be found or read (see the errors written with it).</summary>
    public bool Loaded { get; init; }

    public CodexMarketplaceEntry[] Entries { get; init; } = Array.Empty<CodexMarketplaceEntry>();

    public int PluginCount => Entries.Length;

    public string CodexHome { get; init; } = string.Empty;

    public string ProjectPath { get; init; } = string.Empty;

    public override string ToString() => Name;
}

/// <summary>One plugin a marketplace offers.</summary>
public sealed class CodexMarketplaceEntry
{
    public string Name { get; init; } = string.Empty;

    public string Marketplace { get; init; } = string.Empty;

    public string PluginId => $"{Name}@{Marketplace}";

    /// <summary>local, git (an url source) or git-subdir.</summary>
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
