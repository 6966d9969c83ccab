namespace Codex.Plugins.Sessions;

/// <summary>Sums measurements into one summary per group, in one pass and without keeping the measurements.</summary>
public sealed class SessionSummaryBuilder
{
    private readonly SessionGrouping grouping;
    private readonly SortedDictionary<string, CodexSessionSummary> groups = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Group, string Tool, string Role), CodexToolUsage> tools = new();

    public SessionSummaryBuilder(SessionGrouping grouping = SessionGrouping.None)
    {
        this.grouping = grouping;
    }

    public static string KeyOf(CodexSessionMeasurement m, SessionGrouping grouping) => grouping switch
    {
        SessionGrouping.Day => m.Start?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "(unknown)",
        SessionGrouping.Machine => m.Machine,
        SessionGrouping.Role => m.Role,
        SessionGrouping.Model => m.Model ?? "(unknown)",
        _ => "all",
    };

    public void Add(CodexSessionMeasurement m)
    {
        string key = KeyOf(m, grouping);
        if (!groups.TryGetValue(key, out CodexSessionSummary? s))
        {
            s = new CodexSessionSummary { GroupBy = grouping.ToString(), Group = key };
            groups[key] = s;
        }

        s.Sessions++;
        if (m.Start is { } start && (s.FirstStart is null || start < s.FirstStart))
        {
            s.FirstStart = start;
        }

        if (m.End is { } end && (s.LastEnd is null || end > s.LastEnd))
        {
            s.LastEnd = end;
        }

        s.Duration += m.Duration ?? TimeSpan.Zero;
        s.Turns += m.Turns;
        s.CompletedTurns += m.CompletedTurns;
        s.Aborts += m.Aborts;
        s.ToolCalls += m.ToolCalls;
        s.ToolFailures += m.ToolFailures;
        s.HookBlocks += m.HookBlocks;
        s.McpCalls += m.McpCalls;
        s.McpFailures += m.McpFailures;
        s.McpTimeouts += m.McpTimeouts;
        s.McpDuration += m.McpDuration;
        s.SubagentsSpawned += m.SubagentsSpawned;
        s.MaxDepth = Math.Max(s.MaxDepth, m.Depth);
        s.PeakOpenSubagents = Math.Max(s.PeakOpenSubagents, m.PeakOpenSubagents);
        s.Tokens.Add(m.Tokens);
        if (!s.TokensByRole.TryGetValue(m.Role, out CodexTokenUsage? roleTokens))
        {
            roleTokens = new CodexTokenUsage();
            s.TokensByRole[m.Role] = roleTokens;
        }

        roleTokens.Add(m.Tokens);
        s.SessionsByRole[m.Role] = s.SessionsByRole.TryGetValue(m.Role, out long n) ? n + 1 : 1;
        s.AddEvidence(m);
        s.InvalidLines += m.InvalidLines;
        s.UnknownItems += m.UnknownItems;
        if (!m.IsComplete)
        {
            s.IncompleteSessions++;
        }

        if (m.ExceedsLimits)
        {
            s.SessionsOverLimits++;
            s.LimitBreaches.AddRange(m.LimitBreaches);
        }

        foreach (CodexToolUsage t in m.Tools)
        {
            if (!tools.TryGetValue((key, t.Tool, t.Role), out CodexToolUsage? sum))
            {
                sum = new CodexToolUsage { Tool = t.Tool, McpServer = t.McpServer, Role = t.Role };
                tools[(key, t.Tool, t.Role)] = sum;
                s.Tools.Add(sum);
            }

            sum.Calls += t.Calls;
            sum.Failures += t.Failures;
            sum.Blocked += t.Blocked;
            sum.TimedOut += t.TimedOut;
            sum.Duration += t.Duration;
            sum.TimedCalls += t.TimedCalls;
        }

        foreach (KeyValuePair<string, string> source in m.Sources)
        {
            if (!s.Sources.TryGetValue(source.Key, out string? known))
            {
                s.Sources[source.Key] = source.Value;
            }
            else if (!known.Split(',').Contains(source.Value))
            {
                s.Sources[source.Key] = string.Join(',', known.Split(',').Append(source.Value).Order(StringComparer.Ordinal));
            }
        }
    }

    /// <summary>The summaries, in group order; "all" with zero sessions when nothing was added and there is no grouping.</summary>
    public IReadOnlyList<CodexSessionSummary> Build()
    {
        foreach (CodexSessionSummary s in groups.Values)
        {
            s.Tools.Sort((a, b) => b.Calls != a.Calls ? b.Calls.CompareTo(a.Calls) : string.CompareOrdinal(a.Tool + "\0" + a.Role, b.Tool + "\0" + b.Role));
        }

        if (groups.Count == 0 && grouping == SessionGrouping.None)
        {
            return new[] { new CodexSessionSummary() };
        }

        return groups.Values.ToList();
    }
}
