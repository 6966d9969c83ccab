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

    /// <summary>
    /// A young-generation collection every 64 rollouts (about 3 MB of allocations at the bench's 50 KB a file). A run
    /// keeps only its sums, but the runtime sizes the young generation from the CPU's cache (about 80 MB on the 2-core
    /// bench machine), so 10,000 rollouts (987 MB) peaked at 197-212 MB of VmHWM for the whole pwsh, over the
    /// 200 MB target (Session.Bench); the streaming secret scan does the same for the same reason (StreamingSecretScanner).
    /// </summary>
    private const int CollectEveryFiles = 64;

    private long read;

    /// <summary>Measures one rollout; null when it holds nothing to measure or <paramref name="include"/> turns its session down.</summary>
    public CodexSessionMeasurement? Measure(string path, bool isArchived, List<CodexIssue> issues, string? machine = null, Func<CodexSession, bool>? include = null)
    {
        if (++read % CollectEveryFiles == 0)
        {
            GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        }

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
