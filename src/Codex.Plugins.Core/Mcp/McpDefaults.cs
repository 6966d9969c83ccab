namespace Codex.Plugins.Mcp;

/// <summary>What Codex 0.169.0 uses when a server leaves a setting unset.</summary>
public static class McpDefaults
{
    /// <summary>Seconds Codex waits for a server to start (rmcp_client DEFAULT_STARTUP_TIMEOUT).</summary>
    public const double StartupTimeoutSec = 30;

    /// <summary>Seconds Codex waits for one tool call (DEFAULT_TOOL_TIMEOUT).</summary>
    public const double ToolTimeoutSec = 300;

    /// <summary>The approval modes the binary accepts; anything else fails the whole configuration.</summary>
    public static readonly IReadOnlyList<string> ApprovalModes = new[] { "auto", "prompt", "writes", "approve" };

    public const string StdioTransport = "stdio";
    public const string HttpTransport = "streamable_http";
}
