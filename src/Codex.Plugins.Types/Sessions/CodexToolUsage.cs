namespace Codex.Plugins;

/// <summary>Calls of one tool: how many, how they ended, and how long MCP calls took.</summary>
public sealed class CodexToolUsage
{
    public string Tool { get; init; } = string.Empty;

    /// <summary>The MCP server for an MCP tool (mcp__server__tool), else null.</summary>
    public string? McpServer { get; init; }

    public string Role { get; set; } = SessionRoles.Main;

    public long Calls { get; set; }

    /// <summary>Calls that ran and failed (non-zero exit, MCP error, tool error).</summary>
    public long Failures { get; set; }

    /// <summary>Calls a hook or policy stopped before they ran.</summary>
    public long Blocked { get; set; }

    public long TimedOut { get; set; }

    /// <summary>Summed duration of the calls whose duration the source records (MCP and command items).</summary>
    public TimeSpan Duration { get; set; }

    public long TimedCalls { get; set; }

    public TimeSpan? AverageDuration => TimedCalls > 0 ? TimeSpan.FromTicks(Duration.Ticks / TimedCalls) : null;

    public override string ToString() => $"{Tool}: {Calls}";
}
