using Codex.Plugins.Reports;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>The plugin rules as the audit rule catalog describes them (one line each; the cmdlet pages say more).</summary>
public static class PluginRuleCatalog
{
    public const string HelpUri = AuditReport.InformationUri + "/blob/main/docs/Test-CodexPlugin.md";

    public static IEnumerable<AuditRule> Rules { get; } = new[]
    {
        new AuditRule(PluginRuleIds.Refused, "Codex refuses to install the plugin (codex plugin add fails).", FindingSeverity.Error, HelpUri),
        new AuditRule(PluginRuleIds.ComponentRefused, "Codex does not load a skill, MCP server or hook file the plugin brings.", FindingSeverity.Error, HelpUri),
        new AuditRule(PluginRuleIds.LinkLeavesRoot, "A link inside the plugin folder points outside it.", FindingSeverity.Error, HelpUri),
        new AuditRule(PluginRuleIds.SecretInFile, "A file of the plugin holds a secret.", FindingSeverity.Error, HelpUri),
        new AuditRule(PluginRuleIds.McpServer, "The plugin brings an MCP server (its transport, command or host, and the environment it needs).", FindingSeverity.Information, HelpUri),
        new AuditRule(PluginRuleIds.McpToolsUnprompted, "The tools of a plugin's MCP server run without asking (auto or approve).", FindingSeverity.Warning, HelpUri),
        new AuditRule(PluginRuleIds.HookCommand, "The plugin runs a hook command on an event.", FindingSeverity.Information, HelpUri),
        new AuditRule(PluginRuleIds.NeedsNetwork, "The plugin needs the network (remote MCP servers, apps, packages fetched at start).", FindingSeverity.Information, HelpUri),
        new AuditRule(PluginRuleIds.AppConnector, "The plugin brings app connectors.", FindingSeverity.Information, HelpUri),
        new AuditRule(PluginRuleIds.UpgradeWidensReach, "A new version of a plugin reaches further than the old one.", FindingSeverity.Warning, HelpUri),
    };
}
