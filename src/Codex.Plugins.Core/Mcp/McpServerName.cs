namespace Codex.Plugins.Mcp;

/// <summary>Codex's rule for MCP server names (validate_mcp_server_name).</summary>
public static class McpServerName
{
    public static bool IsValid(string name) => name.Length > 0 && name.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_');
}
