using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Findings;

namespace Codex.Plugins.Agents;

/// <summary>
/// The agent rules of the audit: agent files Codex refuses to load (the agent the file was written for does not
/// exist for Codex), and fan-out limits above Codex's defaults (many threads or deep spawning multiply what runs).
/// </summary>
public sealed class AgentFindings : IFindingProvider
{
    public IEnumerable<CodexFinding> Find(AuditContext context)
    {
        var findings = new List<CodexFinding>();
        _ = context.Agents;
        foreach (CodexIssue refused in context.AgentIssues)
        {
            if (refused.Kind == IssueKind.Warning)
            {
                context.Issues.Add(refused);
                continue;
            }

            findings.Add(new CodexFinding(AuditRuleIds.AgentNotLoaded, FindingSeverity.Warning,
                $"Codex does not load the custom agent in this file: {refused.Message}",
                refused.Target ?? refused.File ?? "agents", refused.File, refused.Line,
                refused.RecommendedAction ?? "Fix the agent file (name, description and developer_instructions are required), or remove it."));
        }

        TomlTableNode? agentsTable = context.Stack.Effective.Table("agents");
        if (agentsTable?["max_threads"] is TomlValueNode { Value: long threads } tn && threads > AgentReader.DefaultMaxThreads)
        {
            findings.Add(new CodexFinding(AuditRuleIds.AgentThreadFanOut, FindingSeverity.Warning,
                $"[agents] max_threads = {threads}: more than Codex's default of {AgentReader.DefaultMaxThreads} agent threads may run at once, each with the parent's sandbox.",
                "agents.max_threads", tn.Location.File, tn.Location.Line, $"Keep max_threads at {AgentReader.DefaultMaxThreads} or below unless the work needs more."));
        }

        if (agentsTable?["max_depth"] is TomlValueNode { Value: long depth } dn && depth > AgentReader.DefaultMaxDepth)
        {
            findings.Add(new CodexFinding(AuditRuleIds.AgentDepthFanOut, FindingSeverity.Warning,
                $"[agents] max_depth = {depth}: agents may spawn agents {depth} levels deep (Codex's default is {AgentReader.DefaultMaxDepth}).",
                "agents.max_depth", dn.Location.File, dn.Location.Line, $"Keep max_depth at {AgentReader.DefaultMaxDepth} unless nested delegation is required."));
        }

        return findings;
    }
}
