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
}
