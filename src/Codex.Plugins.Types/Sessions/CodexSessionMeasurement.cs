namespace Codex.Plugins;

/// <summary>
/// What one session did, from its rollout (and, where given, the exec event file, hook log and OTel export that
/// cover it). <see cref="Sources"/> names, per metric, the file kind the number came from.
/// </summary>
public sealed class CodexSessionMeasurement : SessionEvidenceCounts
{
    public CodexSession Session { get; init; } = new();

    public string Id => Session.Id;

    public string Role => Session.Role;

    public string? Model => Session.Model;

    public string Machine => Session.Machine;

    public DateTime? Start => Session.Start;

    /// <summary>The rollout file (so a measurement can be measured again, or opened).</summary>
    public string File => Session.File;

    public DateTime? End { get; set; }

    public TimeSpan? Duration => Start is { } s && End is { } e && e >= s ? e - s : null;

    /// <summary>Turns started (task_started; turn_context lines in versions without it).</summary>
    public int Turns { get; set; }

    public int CompletedTurns { get; set; }

    /// <summary>Turns that ended without completing (turn_aborted: interrupted, replaced, ...).</summary>
    public int Aborts { get; set; }

    public long ToolCalls { get; set; }

    public long ToolFailures { get; set; }

    /// <summary>Commands a PreToolUse hook blocked (codex's "Command blocked by PreToolUse hook" output).</summary>
    public long HookBlocks { get; set; }

    /// <summary>The reasons hooks gave for blocking, masked.</summary>
    public List<string> BlockReasons { get; } = new();

    public long McpCalls { get; set; }

    public long McpFailures { get; set; }

    public long McpTimeouts { get; set; }

    public TimeSpan McpDuration { get; set; }

    /// <summary>Subagents this session spawned.</summary>
    public int SubagentsSpawned { get; set; }

    public List<string> SubagentIds { get; } = new();

    /// <summary>The most subagents open at once (spawned and not yet closed), which Codex holds to agents.max_threads.</summary>
    public int PeakOpenSubagents { get; set; }

    public int Depth => Session.Depth;

    public CodexTokenUsage Tokens { get; set; } = new();

    /// <summary>Tokens.Total, flat, so it survives remoting and sorts.</summary>
    public long TotalTokens => Tokens.Total;

    public List<CodexToolUsage> Tools { get; } = new();

    /// <summary>Metric name to source (rollout, exec-json, hook-log, otel, none).</summary>
    public SortedDictionary<string, string> Sources { get; } = new(StringComparer.Ordinal);

    /// <summary>Lines read; lines that were not valid JSON; lines of a kind this module does not know.</summary>
    public long Lines { get; set; }

    public long InvalidLines { get; set; }

    public long UnknownItems { get; set; }

    /// <summary>False when the last line was cut off (a session still being written, or a copy taken mid-write).</summary>
    public bool IsComplete { get; set; } = true;

    /// <summary>Limits this session broke (agents.max_depth, agents.max_threads), as text; empty when none.</summary>
    public List<SessionLimitBreach> LimitBreaches { get; } = new();

    public bool ExceedsLimits => LimitBreaches.Count > 0;

    public override string ToString() => Id;
}
