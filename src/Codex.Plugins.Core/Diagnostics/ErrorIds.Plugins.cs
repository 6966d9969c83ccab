namespace Codex.Plugins.Diagnostics;

public static partial class ErrorIds
{
    public const string MarketplaceManifestInvalid = "MarketplaceManifestInvalid";
    public const string MarketplaceEntryInvalid = "MarketplaceEntryInvalid";
    public const string MarketplaceEntryUnsupported = "MarketplaceEntryUnsupported";
    public const string MarketplaceSourceUnresolved = "MarketplaceSourceUnresolved";
    public const string MarketplaceNotFound = "MarketplaceNotFound";
    public const string PluginNotFound = "PluginNotFound";
    public const string PluginIdInvalid = "PluginIdInvalid";
    public const string PluginCacheUnreadable = "PluginCacheUnreadable";
    public const string PluginVersionInvalid = "PluginVersionInvalid";
    public const string PluginNameMismatch = "PluginNameMismatch";
    public const string AgentNotFound = "AgentNotFound";
    public const string AgentFieldMissing = "AgentFieldMissing";

    // The plugin lifecycle (New-, Test-, Compare-, Publish-, Install-, Uninstall-CodexPlugin)

    /// <summary>The plugin's name is not a plugin segment (ASCII letters, digits, '-' and '_').</summary>
    public const string PluginNameInvalid = "PluginNameInvalid";

    /// <summary>codex plugin add would refuse the plugin (Install-CodexPlugin, Publish-CodexPlugin).</summary>
    public const string PluginRefused = "PluginRefused";

    /// <summary>A plugin folder already exists where New-CodexPlugin would write one.</summary>
    public const string PluginFolderExists = "PluginFolderExists";

    /// <summary>A plugin folder holds a link that leads outside it.</summary>
    public const string PluginLinkLeavesRoot = "PluginLinkLeavesRoot";

    /// <summary>A skill, MCP server or hook given to New-CodexPlugin cannot be packaged.</summary>
    public const string PluginPartInvalid = "PluginPartInvalid";

    /// <summary>Publish-CodexPlugin: the version is not greater than the one the marketplace lists.</summary>
    public const string PluginVersionNotGreater = "PluginVersionNotGreater";

    /// <summary>Publish-CodexPlugin: the marketplace lists this version with different content.</summary>
    public const string PluginVersionContentChanged = "PluginVersionContentChanged";

    /// <summary>Publish-CodexPlugin: the marketplace.json cannot be edited (does not parse, wrong shape).</summary>
    public const string MarketplaceEditFailed = "MarketplaceEditFailed";

    /// <summary>Install-CodexPlugin: the marketplace entry's source names nothing to install from.</summary>
    public const string PluginSourceUnsupported = "PluginSourceUnsupported";

    /// <summary>Install-CodexPlugin: the entry's git or npm source could not be fetched (clone, checkout, npm pack).</summary>
    public const string PluginSourceFetchFailed = "PluginSourceFetchFailed";

    /// <summary>Install-CodexPlugin / Uninstall-CodexPlugin: changing the plugin cache failed.</summary>
    public const string PluginCacheWriteFailed = "PluginCacheWriteFailed";
}
