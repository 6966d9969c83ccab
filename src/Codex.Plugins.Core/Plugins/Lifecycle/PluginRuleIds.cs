namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>
/// Rule ids of the plugin review (Test-CodexPlugin, Compare-CodexPlugin). CODEX-PLUGIN-001 (a path Codex ignores) is
/// shared with the configuration audit.
/// </summary>
public static class PluginRuleIds
{
    public const string PathInvalid = "CODEX-PLUGIN-001";
    public const string Refused = "CODEX-PLUGIN-002";
    public const string ComponentRefused = "CODEX-PLUGIN-003";
    public const string LinkLeavesRoot = "CODEX-PLUGIN-004";
    public const string SecretInFile = "CODEX-PLUGIN-005";
    public const string McpServer = "CODEX-PLUGIN-010";
    public const string McpToolsUnprompted = "CODEX-PLUGIN-011";
    public const string HookCommand = "CODEX-PLUGIN-012";
    public const string NeedsNetwork = "CODEX-PLUGIN-013";
    public const string AppConnector = "CODEX-PLUGIN-014";
    public const string UpgradeWidensReach = "CODEX-PLUGIN-020";
}
