using Codex.Plugins.Configuration;

namespace Codex.Plugins.Mcp;

/// <summary>Where a server definition comes from, for the Source/SourceKind/PluginId/AgentName of the result.</summary>
public sealed record McpServerSource(McpServerSourceKind Kind, string Source, string? PluginId = null, string? AgentName = null)
{
    /// <summary>The kind of a server defined in a configuration file: its layer's kind, or Config outside the stack.</summary>
    public static McpServerSourceKind KindOf(ConfigLayerKind? layer) => layer switch
    {
        ConfigLayerKind.System => McpServerSourceKind.System,
        ConfigLayerKind.User => McpServerSourceKind.User,
        ConfigLayerKind.Profile => McpServerSourceKind.Profile,
        ConfigLayerKind.Project => McpServerSourceKind.Project,
        ConfigLayerKind.Managed => McpServerSourceKind.Managed,
        ConfigLayerKind.Requirements => McpServerSourceKind.Requirements,
        _ => McpServerSourceKind.Config,
    };

    /// <summary>Set by plugin servers: JSON keys (type, headers) follow the .mcp.json conventions.</summary>
    public bool IsPluginJson { get; init; }
}
