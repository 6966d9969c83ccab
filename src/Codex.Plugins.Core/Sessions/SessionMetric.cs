namespace Codex.Plugins.Sessions;

/// <summary>Where a number came from: rollouts do not persist everything, so every metric says which file it read.</summary>
public static class MetricSources
{
    /// <summary>The session rollout ($CODEX_HOME/sessions/...jsonl).</summary>
    public const string Rollout = "rollout";

    /// <summary>A `codex exec --json` event file.</summary>
    public const string ExecJson = "exec-json";

    /// <summary>The JSONL log Invoke-CodexHook -LogPath writes.</summary>
    public const string HookLog = "hook-log";

    /// <summary>An OpenTelemetry log export (OTLP JSON) of codex's own events.</summary>
    public const string Otel = "otel";

    /// <summary>Nothing the module read holds this number.</summary>
    public const string None = "none";
}

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

/// <summary>Tokens as codex counts them (token_count.total_token_usage).</summary>
public sealed class CodexTokenUsage
{
    public long Input { get; set; }

    public long CachedInput { get; set; }

    public long Output { get; set; }

    public long ReasoningOutput { get; set; }

    public long Total { get; set; }

    public void Add(CodexTokenUsage other)
    {
        Input += other.Input;
        CachedInput += other.CachedInput;
        Output += other.Output;
        ReasoningOutput += other.ReasoningOutput;
        Total += other.Total;
    }

    public override string ToString() => Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
