using Codex.Plugins.Diagnostics;
using Codex.Plugins.Mcp;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>
/// What an admin should review before installing a plugin, as information and warning findings: each MCP server and
/// what it reaches, tools that run without asking, each hook command, app connectors, and why it needs the network.
/// </summary>
internal static class PluginReachReview
{
    public static void Review(string target, List<CodexFinding> findings, PluginCheckContents result)
    {
        foreach (CodexMcpServer server in result.Servers)
        {
            string reach = server.Transport == McpDefaults.StdioTransport
                ? $"runs `{string.Join(' ', new[] { server.Command }.Concat(server.Args))}`"
                : $"connects to {server.Url}";
            var needs = server.EnvVars.Concat(server.EnvHttpHeaders.Values).Concat(server.BearerTokenEnvVar is null ? Array.Empty<string>() : new[] { server.BearerTokenEnvVar })
                .Distinct(StringComparer.Ordinal).ToArray();
            string env = needs.Length == 0 ? string.Empty : $"; reads {string.Join(", ", needs)} from the environment";
            string mode = server.DefaultToolsApprovalMode ?? "unset";
            string tools = server.EnabledTools is null ? "every tool it offers" : $"only {string.Join(", ", server.EnabledTools)}";
            findings.Add(new CodexFinding(PluginRuleIds.McpServer, FindingSeverity.Information,
                $"Brings the {server.Transport} MCP server '{server.Name}': {reach}{env}; {tools}, approval mode {mode}.",
                $"{target}/{server.Name}", server.File, server.Line, "Review what the server can reach before installing the plugin."));

            var unprompted = server.ToolApprovalModes.Where(t => t.Value is "auto" or "approve").Select(t => $"{t.Key} ({t.Value})").ToList();
            if (server.DefaultToolsApprovalMode is "auto" or "approve" || unprompted.Count > 0)
            {
                string which = server.DefaultToolsApprovalMode is "auto" or "approve" ? $"{tools} ({server.DefaultToolsApprovalMode})" : string.Join(", ", unprompted);
                findings.Add(new CodexFinding(PluginRuleIds.McpToolsUnprompted, FindingSeverity.Warning,
                    $"The tools of '{server.Name}' run without asking: {which}; a tool that changes state does so unreviewed.",
                    $"{target}/{server.Name}", server.File, server.Line, "Ship the plugin with prompt approval, or list the read-only tools in enabled_tools."));
            }
        }

        foreach (CodexHook hook in result.Hooks)
        {
            string what = hook.Command is not null ? $"runs `{hook.Command}`" : $"calls the MCP tool {hook.McpServer}/{hook.McpTool}";
            string on = hook.Matcher is { Length: > 0 } m ? $"{hook.Event} (matcher {m})" : hook.Event;
            findings.Add(new CodexFinding(PluginRuleIds.HookCommand, FindingSeverity.Information,
                $"A hook {what} on {on}, with a timeout of {hook.TimeoutSec} s; it needs a trust review before Codex runs it.",
                hook.Key, hook.File, hook.Line, "Review the command; approve it with Approve-CodexHook once installed."));
        }

        if (result.Apps.Count > 0)
        {
            findings.Add(new CodexFinding(PluginRuleIds.AppConnector, FindingSeverity.Information,
                $"Brings the app connectors {string.Join(", ", result.Apps)}: they act on the user's accounts in those services.", target, null, null,
                "Check which accounts and scopes the apps ask for."));
        }

        if (result.NetworkReasons.Count > 0)
        {
            findings.Add(new CodexFinding(PluginRuleIds.NeedsNetwork, FindingSeverity.Information,
                $"Needs the network: {string.Join("; ", result.NetworkReasons.Distinct(StringComparer.Ordinal))}.", target, null, null,
                "Allow these hosts in the permission profile where the plugin should work."));
        }
    }
}
