namespace Codex.Plugins;

/// <summary>
/// A Codex plugin: installed (in the cache under the Codex home) or offered by a marketplace, with its manifest's
/// metadata, the components Codex would load from it, and findings about anything Codex would ignore or refuse.
/// </summary>
public sealed class CodexPlugin
{
    /// <summary>plugin@marketplace.</summary>
    public string PluginId { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public string Marketplace { get; init; } = string.Empty;

    /// <summary>The installed version, or the version the marketplace's copy declares; null when unknown.</summary>
    public string? Version { get; init; }

    public bool Installed { get; init; }

    /// <summary>Enabled in [plugins."p@m"] (a table without enabled counts as enabled), as codex plugin list reports it whether or not the plugin is installed; Codex loads a plugin that is Installed and Enabled.</summary>
    public bool Enabled { get; init; }

    /// <summary>The version folder Codex loads (local wins, else the highest version).</summary>
    public string? ActiveVersion { get; init; }

    public string[] CachedVersions { get; init; } = Array.Empty<string>();

    /// <summary>The folder described: the active cached copy when installed, else the marketplace's local copy.</summary>
    public string? Root { get; init; }

    public string? ManifestPath { get; init; }

    public string? InstallPolicy { get; init; }

    public string? AuthPolicy { get; init; }

    public string[]? Products { get; init; }

    public string? Category { get; init; }

    /// <summary>local, git or git-subdir: where the marketplace gets the plugin from.</summary>
    public string? SourceKind { get; init; }

    /// <summary>The local folder or git url of the marketplace's copy.</summary>
    public string? Source { get; init; }

    public string? MarketplaceKind { get; init; }

    public string? MarketplaceSourceType { get; init; }

    public string? MarketplaceSource { get; init; }

    public string? Description { get; init; }

    public string? DisplayName { get; init; }

    public string? ShortDescription { get; init; }

    public string? LongDescription { get; init; }

    public string? DeveloperName { get; init; }

    public string[] Capabilities { get; init; } = Array.Empty<string>();

    public string[] Keywords { get; init; } = Array.Empty<string>();

    public string? WebsiteUrl { get; init; }

    public string? PrivacyPolicyUrl { get; init; }

    public string? TermsOfServiceUrl { get; init; }

    public string? BrandColor { get; init; }

    /// <summary>Up to three starter prompts, as Codex keeps them (at most 128 characters each).</summary>
    public string[] DefaultPrompts { get; init; } = Array.Empty<string>();

    /// <summary>Skills the plugin brings, named plugin:skill.</summary>
    public string[] Skills { get; init; } = Array.Empty<string>();

    public string[] SkillRoots { get; init; } = Array.Empty<string>();

    /// <summary>Names of the MCP servers the plugin defines.</summary>
    public string[] McpServers { get; init; } = Array.Empty<string>();

    /// <summary>App (connector) names from .app.json.</summary>
    public string[] Apps { get; init; } = Array.Empty<string>();

    /// <summary>Hook files Codex reads for the plugin (hooks/hooks.json unless the manifest names others).</summary>
    public string[] HookFiles { get; init; } = Array.Empty<string>();

    /// <summary>Problems with the plugin: paths Codex ignores, a version it cannot install, a name mismatch.</summary>
    public CodexFinding[] Findings { get; init; } = Array.Empty<CodexFinding>();

    public string CodexHome { get; init; } = string.Empty;

    public string ProjectPath { get; init; } = string.Empty;

    public override string ToString() => PluginId;
}
