using Codex.Plugins.Masking;
using Codex.Plugins.Sessions;

namespace Codex.Plugins.Reports;

/// <summary>
/// The session metrics a report carries beside its findings: the totals, calls per tool, tokens per role, and the
/// days (blocked commands over time). Text from rollouts (tool names, roles, models, machines) is masked here, so every
/// writer gets it masked.
/// </summary>
public sealed class SessionReportSection
{
    private SessionReportSection(CodexSessionSummary total, IReadOnlyList<CodexSessionSummary> days, IReadOnlyList<string> machines)
    {
        Total = total;
        Days = days;
        Machines = machines;
    }

    public CodexSessionSummary Total { get; }

    /// <summary>Tokens per role (masked role names), by role.</summary>
    public IReadOnlyList<(string Role, CodexTokenUsage Tokens, long Sessions)> Roles =>
        Total.TokensByRole.Select(r => (SecretText.Mask(r.Key), r.Value, Total.SessionsByRole.GetValueOrDefault(r.Key))).ToList();

    /// <summary>One summary per day (UTC) of session start, oldest first.</summary>
    public IReadOnlyList<CodexSessionSummary> Days { get; }

    public IReadOnlyList<string> Machines { get; }

    /// <summary>Calls per tool over all roles, most called first. Tool names come from the model and MCP servers: masked.</summary>
    public IReadOnlyList<(string Tool, long Calls, long Failures, long Blocked, long TimedOut)> ToolCalls =>
        Total.Tools.GroupBy(t => t.Tool, StringComparer.Ordinal)
            .Select(g => (SecretText.Mask(g.Key), g.Sum(t => t.Calls), g.Sum(t => t.Failures), g.Sum(t => t.Blocked), g.Sum(t => t.TimedOut)))
            .OrderByDescending(t => t.Item2).ThenBy(t => t.Item1, StringComparer.Ordinal).ToList();

    public static SessionReportSection Build(IEnumerable<CodexSessionMeasurement> measurements)
    {
        var builder = new Builder();
        foreach (CodexSessionMeasurement m in measurements)
        {
            builder.Add(m);
        }

        return builder.Build();
    }

    /// <summary>Sums measurements as they come, so a report over a year of sessions does not keep them.</summary>
    public sealed class Builder
    {
        private readonly SessionSummaryBuilder total = new();
        private readonly SessionSummaryBuilder days = new(SessionGrouping.Day);
        private readonly SortedSet<string> machines = new(StringComparer.Ordinal);

        public int Count { get; private set; }

        public void Add(CodexSessionMeasurement m)
        {
            total.Add(m);
            days.Add(m);
            machines.Add(SecretText.Mask(m.Machine));
            Count++;
        }

        public SessionReportSection Build() => new(total.Build()[0], days.Build(), machines.ToList());
    }
}
