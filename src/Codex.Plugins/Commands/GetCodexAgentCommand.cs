using System.Management.Automation;
using Codex.Plugins.Agents;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Commands;

/// <summary>Gets the custom agents Codex can spawn, with what each asks for and the [agents] limits.</summary>
[Cmdlet(VerbsCommon.Get, "CodexAgent")]
[OutputType(typeof(CodexAgent))]
public sealed class GetCodexAgentCommand : CodexCommandBase
{
    /// <summary>Agent names; wildcards allowed.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AgentNameCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        ConfigStack stack = LoadStack();
        var issues = new List<CodexIssue>();
        IReadOnlyList<CodexAgent> agents = AgentReader.Read(stack, issues);
        var filter = new NameFilter(Name);

        // Asked for by name: only the problems of the files that could be that agent, not of every other agent.
        foreach (CodexIssue issue in issues.Where(i => filter.Selects(i.Target, i.File is null ? null : Path.GetFileNameWithoutExtension(i.File))))
        {
            WriteIssue(issue);
        }

        foreach (CodexAgent agent in agents)
        {
            if (filter.Matches(agent.Name))
            {
                WriteObject(agent);
            }
        }

        foreach (string missing in filter.Unmatched)
        {
            string hint = NameSuggestions.Hint(missing, agents.Select(a => a.Name));
            WriteIssue(new CodexIssue(ErrorIds.AgentNotFound, IssueKind.NotFound, $"No custom agent named '{missing}'.{hint}",
                Path.Combine(stack.Environment.CodexHome, "agents"), Target: missing));
        }
    }
}
