using Codex.Plugins.Agents;

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
        WriteIssues(issues.Where(i => filter.Selects(i.Target, i.File is null ? null : Path.GetFileNameWithoutExtension(i.File))));
        WriteObject(agents.Where(a => filter.Matches(a.Name)), enumerateCollection: true);
        WriteIssues(filter.Unmatched.Select(missing => AgentReader.NotFound(missing, agents, stack.Environment)));
    }
}
