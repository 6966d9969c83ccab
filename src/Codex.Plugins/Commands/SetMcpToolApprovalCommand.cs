using Codex.Plugins.Mcp;

namespace Codex.Plugins.Commands;

/// <summary>
/// Sets an MCP server's tool policy: default_tools_approval_mode, per-tool approval_mode, enabled_tools and
/// disabled_tools, in [mcp_servers.S] or, for a plugin's server, [plugins."p@m".mcp_servers.S].
/// </summary>
[Cmdlet(VerbsCommon.Set, "McpToolApproval", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(CodexMcpServer))]
public sealed class SetMcpToolApprovalCommand : CodexEditCommandBase
{
    private readonly McpServerLookup servers = new();
    private McpApprovalChange? change;

    /// <summary>Server names (exact, as in codex mcp list); bound from Get-CodexMcpServer output.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(McpServerNameCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>The plugin that provides the server (p@m); bound from Get-CodexMcpServer output.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(PluginIdCompleter))]
    public string? PluginId { get; set; }

    /// <summary>The custom agent whose file defines the server; bound from Get-CodexMcpServer output.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(AgentNameCompleter))]
    public string? AgentName { get; set; }

    /// <summary>The approval mode: auto, prompt, writes or approve. Without -Tool it is the server's default_tools_approval_mode.</summary>
    [Parameter(Position = 1)]
    [ValidateSet("auto", "prompt", "writes", "approve", IgnoreCase = true)]
    public string? Mode { get; set; }

    /// <summary>Set -Mode as these tools' approval_mode ([...tools.TOOL] approval_mode) instead of the server default.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Tool { get; set; }

    /// <summary>Replace the server's enabled_tools allow list (an empty list allows no tool).</summary>
    [Parameter]
    [AllowEmptyCollection]
    public string[]? EnabledTools { get; set; }

    /// <summary>Replace the server's disabled_tools deny list.</summary>
    [Parameter]
    [AllowEmptyCollection]
    public string[]? DisabledTools { get; set; }

    protected override void BeginProcessing() => change = FromParameters(() => McpApprovalChange.From(Mode, Tool, EnabledTools, DisabledTools));

    protected override void ProcessRecord()
    {
        ConfigStack stack = LoadStack();
        foreach (string name in Name)
        {
            TryItem(() => StageServer(stack, servers.Find(stack, name, PluginId, AgentName)), target: name);
        }
    }

    private void StageServer(ConfigStack stack, CodexMcpServer server)
    {
        var (target, issues, steps, description) = McpApprovalEdit.Plan(stack, server, change!, ExplicitTarget(stack));
        WriteIssues(issues);
        if (steps is not null)
        {
            Stage(stack, target, description, McpServerLookup.Item(server), steps);
        }
    }

    protected override IEnumerable<object> ReadBack(ConfigStack stack, IReadOnlyList<string> items) => McpServerLookup.ReadBack(stack, items);
}
