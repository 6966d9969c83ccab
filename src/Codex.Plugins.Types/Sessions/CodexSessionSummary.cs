namespace Codex.Plugins;

/// <summary>Sessions summed: totals, per tool and role, tokens per role, limits broken, and where each number came from.</summary>
public sealed class CodexSessionSummary : SessionEvidenceCounts
{
    public string GroupBy { get; init; } = nameof(SessionGrouping.None);

    /// <summary>The group's key (a day yyyy-MM-dd, a machine, a role, a model), or "all".</summary>
    public string Group { get; init; } = "all";

    public int Sessions { get; set; }

    public DateTime? FirstStart { get; set; }

    public DateTime? LastEnd { get; set; }

    public TimeSpan Duration { get; set; }

    public long Turns { get; set; }

    public long CompletedTurns { get; set; }

    public long Aborts { get; set; }

    public long ToolCalls { get; set; }

    public long ToolFailures { get; set; }

    public long HookBlocks { get; set; }

    public long McpCalls { get; set; }

    public long McpFailures { get; set; }

    public long McpTimeouts { get; set; }

    public TimeSpan McpDuration { get; set; }

    public long SubagentsSpawned { get; set; }

    public int MaxDepth { get; set; }

    public int PeakOpenSubagents { get; set; }

    public CodexTokenUsage Tokens { get; } = new();

    /// <summary>Tokens.Total, flat, so it survives remoting and sorts.</summary>
    public long TotalTokens => Tokens.Total;

    public SortedDictionary<string, CodexTokenUsage> TokensByRole { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, long> SessionsByRole { get; } = new(StringComparer.Ordinal);

    /// <summary>Per tool and role, most called first.</summary>
    public List<CodexToolUsage> Tools { get; } = new();

    public long InvalidLines { get; set; }

    public long UnknownItems { get; set; }

    public int IncompleteSessions { get; set; }

    public List<SessionLimitBreach> LimitBreaches { get; } = new();

    public int SessionsOverLimits { get; set; }

    /// <summary>Metric to the sources it was summed from (comma-separated when sessions differ).</summary>
    public SortedDictionary<string, string> Sources { get; } = new(StringComparer.Ordinal);

    public override string ToString() => $"{Group}: {Sessions} session(s), {ToolCalls} tool call(s)";
}
