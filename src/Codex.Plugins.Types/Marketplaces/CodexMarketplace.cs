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
