namespace Codex.Plugins;

/// <summary>Where an MCP server definition comes from: a configuration layer, a plugin, or a custom agent's file.</summary>
public enum McpServerSourceKind
{
    System,
    User,
    Profile,
    Project,
    Managed,
    Requirements,

    /// <summary>A configuration file that is not one of the stack's layers.</summary>
    Config,

    /// <summary>A plugin's .mcp.json (or its manifest's mcpServers).</summary>
    Plugin,

    /// <summary>A custom agent's file: Codex starts it only for that agent, so codex mcp list does not show it.</summary>
    Agent,
}
