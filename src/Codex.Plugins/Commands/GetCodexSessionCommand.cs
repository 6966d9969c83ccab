using Codex.Plugins.Sessions;

namespace Codex.Plugins.Commands;

/// <summary>
/// Lists Codex session rollouts with their meta (id, start, end, cwd, version, model, role, parent), oldest first,
/// streaming: each file's head and tail are read, never the whole file, and nothing is kept between files.
/// </summary>
[Cmdlet(VerbsCommon.Get, "CodexSession", DefaultParameterSetName = "Home")]
[OutputType(typeof(CodexSession))]
public sealed class GetCodexSessionCommand : CodexCommandBase
{
    /// <summary>Session ids; wildcards allowed (a prefix with * is enough).</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public string[]? Id { get; set; }

    /// <summary>Sessions that started at or after this time.</summary>
    [Parameter]
    public DateTime After { get; set; }

    /// <summary>Sessions that started before this time.</summary>
    [Parameter]
    public DateTime Before { get; set; }

    /// <summary>Sessions whose working directory matches; wildcards allowed.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Cwd { get; set; }

    /// <summary>Agent roles: main (sessions a person or job started), default, worker, explorer, or a custom agent's name.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SessionRoleCompleter))]
    public string[]? Role { get; set; }

    /// <summary>Rollout files or folders copied from elsewhere, read instead of the Codex home.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Path", ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>Also list rollouts under archived_sessions/.</summary>
    [Parameter(ParameterSetName = "Home")]
    public SwitchParameter IncludeArchived { get; set; }

    /// <summary>The machine to name on the sessions (for rollouts copied from another machine). Default: this one.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Machine { get; set; }

    protected override void ProcessRecord()
    {
        var ids = new NameFilter(Id);
        var cwds = new NameFilter(Cwd);
        var roles = new NameFilter(Role);
        var query = new SessionQuery
        {
            CodexHome = Path is null ? ResolveEnvironment().CodexHome : null,
            Paths = Path?.Select(GetUnresolvedProviderPathFromPSPath).ToArray() ?? Array.Empty<string>(),
            IncludeArchived = IncludeArchived,
            After = SessionQuery.Moment(GivenOrNull(nameof(After), After)),
            Before = SessionQuery.Moment(GivenOrNull(nameof(Before), Before)),
            IdMatches = ids.IsEmpty ? null : id => ids.Matches(id),
            SessionMatches = cwds.IsEmpty && roles.IsEmpty ? null : s => cwds.Matches(s.Cwd) && roles.Matches(s.Role),
        };

        var progress = new ProgressRecord(1, "Get-CodexSession", "Reading session rollouts");
        int count = 0;
        foreach (CodexSession session in query.Sessions(new SessionReadContext(Machine), WriteIssue))
        {
            WriteObject(session);
            if (++count % 500 == 0)
            {
                progress.StatusDescription = $"{count} sessions";
                WriteProgress(progress);
            }
        }

        if (count >= 500)
        {
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }

        foreach (string missing in ids.Unmatched)
        {
            WriteIssue(new CodexIssue(ErrorIds.SessionNotFound, IssueKind.NotFound, $"No session with id '{missing}' in the time range read.",
                query.CodexHome ?? string.Join(", ", query.Paths), Target: missing, RecommendedAction: "Check the id (Tab completes it), -After/-Before, or -IncludeArchived."));
        }
    }
}
