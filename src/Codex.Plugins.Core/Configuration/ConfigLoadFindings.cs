using Codex.Plugins.Diagnostics;
using Codex.Plugins.Findings;

namespace Codex.Plugins.Configuration;

/// <summary>
/// A configuration Codex cannot start with, as error findings in Codex's own words: a Codex home that does not exist
/// or is a file ("failed to resolve CODEX_HOME"), a layer that does not parse, a legacy profile selector, or an MCP
/// server definition that fails the whole load ("failed to load bootstrap configuration"). An audit that finds one
/// reports nothing else about the configuration: what Codex never loaded has no permissions or servers to judge.
/// </summary>
public sealed class ConfigLoadFindings : IFindingProvider
{
    public const string ResolveHomeFailed = "failed to resolve CODEX_HOME";
    public const string LoadFailed = "failed to load bootstrap configuration";

    public IEnumerable<CodexFinding> Find(AuditContext context)
    {
        ConfigStack stack = context.Stack;
        IEnumerable<CodexIssue> home = stack.Issues.Where(i => i.ErrorId is ErrorIds.CodexHomeNotFound or ErrorIds.CodexHomeNotDirectory);
        if (home.Any())
        {
            return home.Select(i => Finding(ResolveHomeFailed, i, "Point -CodexHome (or $CODEX_HOME) at an existing folder: codex does not start otherwise.")).ToList();
        }

        var layerFiles = new HashSet<string>(stack.Layers.Select(l => l.Path), StringComparer.Ordinal);
        IEnumerable<CodexIssue> blocking = stack.Issues.Where(i => i.Kind != IssueKind.Warning);
        if (!blocking.Any())
        {
            // Server definitions are checked as the servers are read; one that Codex refuses fails the whole load.
            blocking = context.McpServers.Issues.Where(i => i.Kind != IssueKind.Warning && i.File is not null && layerFiles.Contains(i.File));
        }

        return blocking
            .Select(i => Finding(LoadFailed, i, i.RecommendedAction ?? "Fix the file where the message points; codex refuses to start until then."))
            .ToList();
    }

    private static CodexFinding Finding(string codexWords, CodexIssue issue, string remediation) =>
        new(AuditRuleIds.ConfigNotLoadable, FindingSeverity.Error,
            $"Codex cannot start with this configuration: {codexWords}: {issue}",
            issue.File ?? issue.Target ?? "config", issue.File, issue.Line, remediation);
}
