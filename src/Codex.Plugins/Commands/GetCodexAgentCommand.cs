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
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        ConfigStack stack = LoadStack();
        var issues = new List<CodexIssue>();
        IReadOnlyList<CodexAgent> agents = AgentReader.Read(stack, issues);
        foreach (CodexIssue issue in issues)
        {
            WriteIssue(issue);
        }

        var filter = new NameFilter(Name);
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
