using System.Management.Automation;
using Codex.Plugins.Agents;
using Codex.Plugins.Configuration;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Diagnostics;
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
    private McpServerInventory? inventory;
    private ConfigStack? inventoryStack;

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

    protected override void BeginProcessing()
    {
        if (Mode is null && EnabledTools is null && DisabledTools is null)
        {
            ThrowIssue(new CodexIssue(ErrorIds.ConfigValueInvalid, IssueKind.InvalidData,
                "Nothing to change: give -Mode, -EnabledTools or -DisabledTools.", null, Target: "Mode"));
        }

        if (Tool is not null && Mode is null)
        {
            ThrowIssue(new CodexIssue(ErrorIds.ConfigValueInvalid, IssueKind.InvalidData,
                "-Tool needs -Mode: the approval mode to set for those tools.", null, Target: "Tool"));
        }
    }

    protected override void ProcessRecord()
    {
        ConfigStack stack = LoadStack();
        if (!ReferenceEquals(stack, inventoryStack))
        {
            inventory = null;
            inventoryStack = stack;
        }

        var change = new McpApprovalChange
        {
            Mode = Mode is null ? null : McpApprovalEdit.Normalize(Mode),
            Tools = Tool,
            EnabledTools = EnabledTools,
            DisabledTools = DisabledTools,
        };

        foreach (string name in Name)
        {
            // Config servers are looked up alone; plugin servers and unknown names need the whole inventory.
            bool forAgent = !string.IsNullOrEmpty(AgentName);
            CodexMcpServer? server = string.IsNullOrEmpty(PluginId) && !forAgent ? McpApprovalEdit.FindConfigServer(stack, name) : null;
            if (server is null)
            {
                inventory ??= ReadInventory(stack);
                server = inventory.Servers.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal)
                    && (forAgent ? string.Equals(s.AgentName, AgentName, StringComparison.Ordinal) : s.SourceKind != McpServerSourceKind.Agent)
                    && (string.IsNullOrEmpty(PluginId) || string.Equals(s.PluginId, PluginId, StringComparison.Ordinal)));
            }

            if (server is null)
            {
                WriteIssue(NotFound(stack, name, inventory!.Servers, AgentName));
                continue;
            }

            try
            {
                string target = ExplicitTarget(stack) ?? McpApprovalEdit.DefaultTarget(stack, server);
                if (McpApprovalEdit.CheckScope(stack, server, target) is { } scopeIssue)
                {
                    WriteIssue(scopeIssue);
                    continue;
                }

                foreach (CodexIssue warning in McpApprovalEdit.ToolWarnings(server, change, target))
                {
                    WriteIssue(warning);
                }

                var steps = McpApprovalEdit.Steps(server, change);
                Stage(stack, target, $"Set {string.Join(", ", steps)} (MCP server '{server.Name}')", Item(server.Name, server.AgentName), steps);
            }
            catch (CodexIssueException ex)
            {
                WriteIssue(ex.Issue with { Target = server.Name });
            }
        }
    }

    // The servers as Codex now reads them, from a fresh read of every layer.
    protected override IEnumerable<object> ReadBack(ConfigStack stack, IReadOnlyList<string> items)
    {
        var servers = ReadInventory(stack).Servers;
        return items.Select(item => servers.FirstOrDefault(s => Item(s.Name, s.AgentName) == item && (s.AgentName is not null || s.SourceKind != McpServerSourceKind.Agent))).OfType<object>();
    }

    /// <summary>A server's item in the batch (and the target of its errors): its name, or AGENT/NAME for a custom agent's server.</summary>
    private static string Item(string name, string? agentName) => agentName is null ? name : $"{agentName}/{name}";

    private static McpServerInventory ReadInventory(ConfigStack stack) =>
        McpServerInventory.Read(stack, includeSecret: false, AgentFileLocator.McpServers(AgentFileLocator.Read(stack, new List<CodexIssue>())));

    private static CodexIssue NotFound(ConfigStack stack, string name, IEnumerable<CodexMcpServer> known, string? agentName)
    {
        bool forAgent = !string.IsNullOrEmpty(agentName);
        string hint = NameSuggestions.Hint(name, known.Where(s => forAgent ? s.AgentName == agentName : s.SourceKind != McpServerSourceKind.Agent).Select(s => s.Name));
        string unloadable = stack.IsLoadable ? string.Empty : " (Part of the configuration did not load; see the errors above.)";
        string where = forAgent ? $"the file of the custom agent '{agentName}'" : $"the configuration of {stack.Environment.CodexHome}";
        return new CodexIssue(ErrorIds.McpServerNotFound, IssueKind.NotFound,
            $"No MCP server named '{name}' in {where}.{hint}{unloadable}",
            stack.Environment.UserConfigPath, Target: name,
            RecommendedAction: "Run Get-CodexMcpServer to list the servers Codex knows; names are case-sensitive.");
    }
}
