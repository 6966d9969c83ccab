using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Sessions;

/// <summary>
/// One Measure-CodexSession run: measures each rollout, adds what evidence files say about it, checks it against the
/// agents limits, and sums it into the summaries.
/// </summary>
public sealed class SessionMeasureRun
{
    private readonly SessionSummaryBuilder summary;

    public SessionMeasureRun(SessionLimits limits, SessionEvidence evidence, SessionGrouping grouping, SessionReadContext context)
    {
        Limits = limits;
        Evidence = evidence;
        Context = context;
        summary = new SessionSummaryBuilder(grouping);
    }

    public SessionLimits Limits { get; }

    public SessionEvidence Evidence { get; }

    public SessionReadContext Context { get; }

    public int Measured { get; private set; }

    /// <summary>Measures one rollout; null when it holds nothing to measure or <paramref name="include"/> turns its session down.</summary>
    public CodexSessionMeasurement? Measure(string path, bool isArchived, List<CodexIssue> issues, string? machine = null, Func<CodexSession, bool>? include = null)
    {
        CodexSessionMeasurement? m = SessionMeasurer.Measure(path, Context, issues, isArchived, machine);
        if (m is null || (include is not null && !include(m.Session)))
        {
            return null;
        }

        Evidence.Apply(m);
        SessionMeasurer.CheckLimits(m, Limits);
        summary.Add(m);
        Measured++;
        return m;
    }

    public IReadOnlyList<CodexSessionSummary> Summaries() => summary.Build();
}
