using Codex.Plugins.Agents;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Mcp;

/// <summary>
/// Finds the MCP server a change names (Set-McpToolApproval): by its exact name, narrowed to a plugin's servers or to
/// one custom agent's file. A custom agent's server is only found through its agent. The whole inventory is read at
/// most once per configuration stack.
/// </summary>
public sealed class McpServerLookup
{
    private readonly PerStack<McpServerInventory> inventory = new();

    /// <summary>
    /// The server <paramref name="name"/> of <paramref name="pluginId"/> or <paramref name="agentName"/> (null or
    /// empty: not narrowed); none is McpServerNotFound (thrown), with the close names of the same kind as a hint.
    /// </summary>
    public CodexMcpServer Find(ConfigStack stack, string name, string? pluginId, string? agentName)
    {
        bool forAgent = !string.IsNullOrEmpty(agentName);
        if (string.IsNullOrEmpty(pluginId) && !forAgent && FindConfigServer(stack, name) is { } configServer)
        {
            return configServer;
        }

        IEnumerable<CodexMcpServer> sameKind = inventory.Get(stack, ReadInventory).Servers.Where(s => forAgent ? s.AgentName == agentName : s.SourceKind != McpServerSourceKind.Agent);
        return sameKind.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal) && (string.IsNullOrEmpty(pluginId) || s.PluginId == pluginId))
            ?? throw new CodexIssueException(NotFound(stack, name, sameKind, agentName));
    }

    /// <summary>A server's item in an edit batch (and the target of its errors): its name, or AGENT/NAME for a custom agent's server.</summary>
    public static string Item(CodexMcpServer server) => server.AgentName is null ? server.Name : $"{server.AgentName}/{server.Name}";

    /// <summary>The servers of <paramref name="items"/> as Codex now reads them, from a fresh read of every layer.</summary>
    public static IEnumerable<CodexMcpServer> ReadBack(ConfigStack stack, IReadOnlyList<string> items)
    {
        var servers = ReadInventory(stack).Servers;
        return items.Select(item => servers.FirstOrDefault(s => Item(s) == item && (s.AgentName is not null || s.SourceKind != McpServerSourceKind.Agent))).OfType<CodexMcpServer>();
    }

    /// <summary>
    /// A server defined in the configuration layers, read on its own: changing one server of two thousand should not
    /// parse the other 1,999. Null when the name is not a config server (a plugin's, or unknown): then the whole
    /// inventory is read, which also knows plugin servers and close names.
    /// </summary>
    private static CodexMcpServer? FindConfigServer(ConfigStack stack, string name)
    {
        if (stack.Effective["mcp_servers"] is not TomlTableNode servers || servers[name] is not { } node)
        {
            return null;
        }

        ConfigLayer? layer = stack.LayerOf(node);
        var source = new McpServerSource(McpServerSource.KindOf(layer?.Kind), node.Location.File);
        var options = new McpServerParser.Options(false, stack.Environment.CodexHome, stack.Environment.ProjectPath);
        return McpServerParser.Parse(name, node, source, options).Server;
    }


    private static McpServerInventory ReadInventory(ConfigStack stack) =>
        McpServerInventory.Read(stack, includeSecret: false, AgentFileLocator.McpServers(AgentFileLocator.Read(stack, new List<CodexIssue>())));

    private static CodexIssue NotFound(ConfigStack stack, string name, IEnumerable<CodexMcpServer> known, string? agentName)
    {
        bool forAgent = !string.IsNullOrEmpty(agentName);
        string hint = NameSuggestions.Hint(name, known.Select(s => s.Name));
        string unloadable = stack.IsLoadable ? string.Empty : " (Part of the configuration did not load; see the errors above.)";
        string where = forAgent ? $"the file of the custom agent '{agentName}'" : $"the configuration of {stack.Environment.CodexHome}";
        return new CodexIssue(ErrorIds.McpServerNotFound, IssueKind.NotFound,
            $"No MCP server named '{name}' in {where}.{hint}{unloadable}",
            stack.Environment.UserConfigPath, Target: name,
            RecommendedAction: "Run Get-CodexMcpServer to list the servers Codex knows; names are case-sensitive.");
    }
}
