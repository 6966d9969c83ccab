using Codex.Plugins.Findings;

namespace Codex.Plugins.Mcp;

/// <summary>
/// The MCP approval rule, ranked by what Codex does with each mode: <c>approve</c> never asks, <c>auto</c> (also what
/// an unset mode means) asks only for tools annotated destructive or open-world, <c>writes</c> asks unless a tool is
/// read-only, <c>prompt</c> always asks. Without an enabled_tools allow list the mode covers every tool the server
/// offers, now or after its next update: <c>approve</c> there is the widest grant (an error), <c>auto</c> a warning.
/// Inline secrets are <see cref="Configuration.InlineSecretFindings"/>' rule: they are found per file, not per server.
/// </summary>
public sealed class McpFindings : IFindingProvider
{
    public IEnumerable<CodexFinding> Find(AuditContext context)
    {
        McpServerInventory mcp = context.McpServers;
        context.Issues.AddRange(mcp.Issues);
        foreach (CodexMcpServer server in mcp.Servers.Where(s => s.Enabled && s.EnabledTools is null))
        {
            string mode = server.DefaultToolsApprovalMode ?? "auto";
            string written = server.DefaultToolsApprovalMode is null ? "no default_tools_approval_mode (Codex uses auto)" : $"default_tools_approval_mode = \"{mode}\"";
            string where = server.AgentName is null ? string.Empty : $" (defined by the agent '{server.AgentName}')";
            if (mode == "approve")
            {
                yield return new CodexFinding(AuditRuleIds.McpAutoApprovalWithoutAllowList, FindingSeverity.Error,
                    $"The MCP server '{server.Name}'{where} has {written} and no enabled_tools allow list: Codex never asks before any tool it offers, now or later, runs.",
                    server.Name, server.File, server.Line, "Add enabled_tools with the tools the work needs, or use prompt (or writes) approval.");
            }
            else if (mode == "auto")
            {
                yield return new CodexFinding(AuditRuleIds.McpAutoApprovalWithoutAllowList, FindingSeverity.Warning,
                    $"The MCP server '{server.Name}'{where} has {written} and no enabled_tools allow list: every tool it offers, now or later, that is annotated read-only runs without asking.",
                    server.Name, server.File, server.Line, "Add enabled_tools with the tools the work needs, or use prompt (or writes) approval.");
            }
        }
    }
}
