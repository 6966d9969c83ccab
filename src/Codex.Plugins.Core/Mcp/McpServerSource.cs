namespace Codex.Plugins.Mcp;

/// <summary>Where a server definition comes from, for the Source/SourceKind/PluginId/AgentName of the result.</summary>
public sealed record McpServerSource(string Kind, string Source, string? PluginId = null, string? AgentName = null)
{
    /// <summary>Set by plugin servers: JSON keys (type, headers) follow the .mcp.json conventions.</summary>
    public bool IsPluginJson { get; init; }
}
