using Codex.Plugins.Sessions;

namespace Codex.Plugins.Commands;

/// <summary>
/// Measures sessions: tool calls and failures per tool and role, hook blocks, MCP calls with durations and timeouts,
/// subagent fan-out and depth against the [agents] limits, tokens, turns, aborts and duration; approvals and hook
/// outcomes from the evidence files given. One object per session, or summaries with -Summary / -GroupBy.
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "CodexSession", DefaultParameterSetName = "Home")]
[OutputType(typeof(CodexSessionMeasurement), typeof(CodexSessionSummary))]
public sealed class MeasureCodexSessionCommand : CodexCommandBase
{
    private SessionMeasureRun? run;
    private bool sawInput;

    /// <summary>Rollout files (Get-CodexSession's File) or folders; without them, every session of the Codex home.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path", ValueFromPipelineByPropertyName = true)]
    [Alias("File", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>The machine to name (for rollouts copied from another machine; a piped session's own Machine binds here).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Machine { get; set; }

    /// <summary>Sessions of the home that started at or after this time.</summary>
    [Parameter(ParameterSetName = "Home")]
    public DateTime After { get; set; }

    /// <summary>Sessions of the home that started before this time.</summary>
    [Parameter(ParameterSetName = "Home")]
    public DateTime Before { get; set; }

    /// <summary>Also measure rollouts under archived_sessions/.</summary>
    [Parameter(ParameterSetName = "Home")]
    public SwitchParameter IncludeArchived { get; set; }

    /// <summary>Write summaries (one per group) instead of one object per session.</summary>
    [Parameter]
    public SwitchParameter Summary { get; set; }

    /// <summary>Sum per Day, Machine, Role or Model (implies -Summary).</summary>
    [Parameter]
    [ValidateSet("Day", "Machine", "Role", "Model", IgnoreCase = true)]
    public string? GroupBy { get; set; }

    /// <summary>`codex exec --json` event files (approvals the run declined).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? ExecJsonPath { get; set; }

    /// <summary>JSONL logs written by Invoke-CodexHook -LogPath (hook pass/fail/skip/block per session).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? HookLogPath { get; set; }

    /// <summary>OTLP JSON log exports of codex's OTel events (codex.tool_decision approvals).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? OtelLogPath { get; set; }

    /// <summary>The agents.max_threads to hold sessions to. Default: the Codex home's [agents] setting, else 6.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int MaxThreads { get; set; }

    /// <summary>The agents.max_depth to hold sessions to. Default: the Codex home's [agents] setting, else 1.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int MaxDepth { get; set; }

    protected override void BeginProcessing()
    {
        var issues = new List<CodexIssue>();
        var evidence = SessionEvidence.Load((ExecJsonPath ?? Array.Empty<string>()).Select(GetUnresolvedProviderPathFromPSPath), (HookLogPath ?? Array.Empty<string>()).Select(GetUnresolvedProviderPathFromPSPath),
            (OtelLogPath ?? Array.Empty<string>()).Select(GetUnresolvedProviderPathFromPSPath), issues);
        WriteIssues(issues);

        int? threads = GivenOrNull(nameof(MaxThreads), MaxThreads);
        int? depth = GivenOrNull(nameof(MaxDepth), MaxDepth);
        // Only a home that is there is read for the limits not given: a missing one has Codex's defaults, and no error.
        bool readHome = (threads is null || depth is null) && Directory.Exists(ResolveEnvironment().CodexHome);
        var limits = SessionLimits.From(threads, depth, readHome ? LoadStack() : null);
        WriteVerbose($"Holding sessions to agents.max_threads {limits.MaxThreads} and agents.max_depth {limits.MaxDepth}.");
        SessionGrouping grouping = GroupBy is null ? SessionGrouping.None : Enum.Parse<SessionGrouping>(GroupBy, ignoreCase: true);
        run = new SessionMeasureRun(limits, evidence, grouping, new SessionReadContext());
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == "Path")
        {
            sawInput = true;
            var query = new SessionQuery { Paths = Path!.Select(GetUnresolvedProviderPathFromPSPath).ToArray() };
            foreach (RolloutFile file in query.Files(WriteIssue))
            {
                MeasureOne(file);
            }
        }
    }

    protected override void EndProcessing()
    {
        // An empty pipeline (a filter that matched nothing) measures nothing; only a command with no input at all
        // measures the home.
        if (!sawInput && ParameterSetName == "Home" && !MyInvocation.ExpectingInput)
        {
            var query = new SessionQuery
            {
                CodexHome = ResolveEnvironment().CodexHome,
                IncludeArchived = IncludeArchived,
                After = SessionQuery.Moment(GivenOrNull(nameof(After), After)),
                Before = SessionQuery.Moment(GivenOrNull(nameof(Before), Before)),
            };
            var progress = new ProgressRecord(1, "Measure-CodexSession", "Measuring session rollouts");
            int n = 0;
            foreach (RolloutFile file in query.Files(WriteIssue))
            {
                if (++n % 100 == 0)
                {
                    progress.StatusDescription = $"{n} sessions";
                    WriteProgress(progress);
                }

                MeasureOne(file, query);
            }
        }

        if (Summary || GroupBy is not null)
        {
            WriteObject(run!.Summaries(), enumerateCollection: true);
        }
    }

    private void MeasureOne(RolloutFile file, SessionQuery? window = null)
    {
        var issues = new List<CodexIssue>();
        CodexSessionMeasurement? m = run!.Measure(file.Path, file.IsArchived, issues, Machine, window is null ? null : window.Matches);
        WriteIssues(issues);

        if (m is not null && !Summary && GroupBy is null)
        {
            WriteObject(m);
        }
    }
}
