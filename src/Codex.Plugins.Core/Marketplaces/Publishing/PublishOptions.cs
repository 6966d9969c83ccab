namespace Codex.Plugins.Marketplaces.Publishing;

/// <summary>How an entry is published: its policy and category.</summary>
public sealed class PublishOptions
{
    /// <summary>NOT_AVAILABLE, AVAILABLE or INSTALLED_BY_DEFAULT; null keeps the entry's (AVAILABLE for a new one).</summary>
    public string? InstallPolicy { get; init; }

    /// <summary>ON_INSTALL or ON_USE; null keeps the entry's (ON_INSTALL for a new one).</summary>
    public string? AuthPolicy { get; init; }

    /// <summary>Products that may install the plugin (policy.products); null leaves the field out.</summary>
    public string[]? Products { get; init; }

    /// <summary>The entry's category; default the manifest's interface.category.</summary>
    public string? Category { get; init; }

    /// <summary>The marketplace's name when publishing creates its marketplace.json.</summary>
    public string? NewMarketplaceName { get; init; }

    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
