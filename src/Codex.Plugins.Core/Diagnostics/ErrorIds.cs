namespace Codex.Plugins.Diagnostics;

/// <summary>
/// Every error id the module writes. They are part of the public contract: scripts branch on them, so an id is never
/// renamed once shipped. Each area adds its own ids in ErrorIds.&lt;Area&gt;.cs, and docs/about_Codex.Plugins.md lists them all (a test checks).
/// </summary>
public static partial class ErrorIds
{
    // Reading files
    public const string CodexHomeNotFound = "CodexHomeNotFound";
    public const string ConfigParseError = "ConfigParseError";
    public const string ConfigUnreadable = "ConfigUnreadable";
    public const string ConfigIsDirectory = "ConfigIsDirectory";
    public const string ConfigEncodingInvalid = "ConfigEncodingInvalid";
    public const string ConfigValueInvalid = "ConfigValueInvalid";

    /// <summary>A file is larger than its kind's size limit (FileSizeLimit): nothing of it was read.</summary>
    public const string FileTooLarge = "FileTooLarge";
    public const string ProfileNotFound = "ProfileNotFound";
    public const string LegacyProfileTable = "LegacyProfileTable";
    public const string ProjectNotTrusted = "ProjectNotTrusted";

    // MCP servers
    public const string McpServerNameInvalid = "McpServerNameInvalid";
    public const string McpTransportConflict = "McpTransportConflict";
    public const string McpTransportMissing = "McpTransportMissing";
    public const string McpInlineBearerToken = "McpInlineBearerToken";
    public const string McpApprovalModeInvalid = "McpApprovalModeInvalid";
    public const string McpServerNotFound = "McpServerNotFound";

    // Plugins
    public const string PluginManifestInvalid = "PluginManifestInvalid";
    public const string PluginManifestNotFound = "PluginManifestNotFound";
    public const string PluginPathInvalid = "PluginPathInvalid";
    public const string PluginMcpConfigInvalid = "PluginMcpConfigInvalid";
    public const string PluginNotInstalled = "PluginNotInstalled";

    // Agents
    public const string AgentFileInvalid = "AgentFileInvalid";
}
