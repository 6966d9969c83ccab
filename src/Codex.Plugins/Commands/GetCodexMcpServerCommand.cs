using Codex.Plugins.Agents;
using Codex.Plugins.Mcp;

namespace Codex.Plugins.Commands;

/// <summary>Gets the MCP servers Codex would start: from every config layer, enabled plugins and custom agents.</summary>
[Cmdlet(VerbsCommon.Get, "CodexMcpServer")]
[OutputType(typeof(CodexMcpServer))]
public sealed class GetCodexMcpServerCommand : CodexCommandBase
{
    /// <summary>Server names; wildcards allowed.</summary>
    // Not bound from the pipeline: objects piped in (plugins, agents) have a Name of their own, and binding it here
    // would filter their servers by the plugin's name.
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(McpServerNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Only servers provided by these plugins (p@m); binds from Get-CodexPlugin output.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [AllowNull]
    [AllowEmptyCollection]
    [ArgumentCompleter(typeof(PluginIdCompleter))]
    public string[]? PluginId { get; set; }

    /// <summary>Show env and header values instead of masking them.</summary>
    [Parameter]
    public SwitchParameter IncludeSecret { get; set; }

    protected override void ProcessRecord()
    {
        ConfigStack stack = LoadStack();
        var issues = new List<CodexIssue>();
        IReadOnlyList<AgentFile> agents = AgentFileLocator.Read(stack, issues);
        McpServerInventory inventory = McpServerInventory.Read(stack, IncludeSecret, AgentFileLocator.McpServers(agents));
        var names = new NameFilter(Name);
        var plugins = new PluginSelection(PluginId, stack);

        // Asked for by name: the problems of that server (and of files that hold no server in particular).
        WriteIssues(issues.Concat(inventory.Issues).Where(i => plugins.Shows(i) && (i.Target is null || names.Selects(i.Target, i.Target.Split('.')[0]))));
        WriteObject(inventory.Servers.Where(s => plugins.Selects(s.PluginId) && names.Matches(s.Name)), enumerateCollection: true);
        WriteIssues(names.Unmatched.Select(wanted => inventory.NotFound(wanted, stack.Environment)));
    }
}
