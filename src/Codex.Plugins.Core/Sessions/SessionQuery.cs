using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Sessions;

/// <summary>Which sessions to read: where from, the time window, and predicates the caller builds from its filters.</summary>
public sealed class SessionQuery
{
    /// <summary>The Codex home whose sessions/ (and archived_sessions/) are read when no paths are given.</summary>
    public string? CodexHome { get; init; }

    /// <summary>Rollout files or folders copied from elsewhere; read instead of the home.</summary>
    public IReadOnlyList<string> Paths { get; init; } = Array.Empty<string>();

    public bool IncludeArchived { get; init; }

    public DateTimeOffset? After { get; init; }

    public DateTimeOffset? Before { get; init; }

    /// <summary>A -After or -Before time as the window takes it: a local or unspecified time is the user's clock, read as UTC.</summary>
    public static DateTimeOffset? Moment(DateTime? time) => time is null ? null : new DateTimeOffset(time.Value.ToUniversalTime());

    /// <summary>Checked against the id in the file name before a file is opened (and against the meta's id after).</summary>
    public Func<string, bool>? IdMatches { get; init; }

    /// <summary>Checked against the session's meta (cwd, role, ...).</summary>
    public Func<CodexSession, bool>? SessionMatches { get; init; }

    /// <summary>The rollout files in scope, oldest first, lazily. A path that does not exist is an issue.</summary>
    public IEnumerable<RolloutFile> Files(Action<CodexIssue> onIssue)
    {
        if (Paths.Count == 0)
        {
            if (CodexHome is null)
            {
                yield break;
            }

            if (!Directory.Exists(CodexHome))
            {
                onIssue(new CodexIssue(ErrorIds.CodexHomeNotFound, IssueKind.NotFound, $"The Codex home '{CodexHome}' does not exist, so it has no sessions.", CodexHome,
                    Target: CodexHome, RecommendedAction: "Check -CodexHome or $env:CODEX_HOME, or read copied rollouts with -Path."));
                yield break;
            }

            foreach (RolloutFile f in RolloutFileLocator.Find(CodexHome, After, Before, IncludeArchived))
            {
                if (InScope(f))
                {
                    yield return f;
                }
            }

            yield break;
        }

        foreach (string path in Paths)
        {
            if (File.Exists(path))
            {
                var file = new RolloutFile(path, path.Contains(Path.DirectorySeparatorChar + RolloutFileLocator.ArchivedFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal),
                    RolloutFileLocator.TimeFromFileName(path), RolloutFileLocator.IdFromFileName(path));
                if (InScope(file))
                {
                    yield return file;
                }
            }
            else if (Directory.Exists(path))
            {
                foreach (RolloutFile f in RolloutFileLocator.FindUnder(path))
                {
                    if (InScope(f))
                    {
                        yield return f;
                    }
                }
            }
            else
            {
                onIssue(new CodexIssue(ErrorIds.SessionNotFound, IssueKind.NotFound, $"No rollout file or folder at '{path}'.", path, Target: path,
                    RecommendedAction: "Give a rollout-*.jsonl file or a folder that holds them."));
            }
        }
    }

    /// <summary>Whether a session read from disk is one the caller asked for (time window, id, other filters).</summary>
    public bool Matches(CodexSession session)
    {
        DateTimeOffset? start = session.Start;
        if (After is { } a && (start is null || start < a))
        {
            return false;
        }

        if (Before is { } b && (start is null || start >= b))
        {
            return false;
        }

        if (IdMatches is not null && !IdMatches(session.Id))
        {
            return false;
        }

        return SessionMatches?.Invoke(session) ?? true;
    }

    /// <summary>Every session in scope with its meta, lazily; files that cannot be read become issues.</summary>
    public IEnumerable<CodexSession> Sessions(SessionReadContext context, Action<CodexIssue> onIssue)
    {
        var issues = new List<CodexIssue>();
        foreach (RolloutFile file in Files(onIssue))
        {
            CodexSession? session = SessionMetaReader.Read(file, context, issues);
            foreach (CodexIssue issue in issues)
            {
                onIssue(issue);
            }

            issues.Clear();
            if (session is not null && Matches(session))
            {
                yield return session;
            }
        }
    }

    // File names carry the start time (local to the machine that wrote them) and the id: cheap checks before opening.
    private bool InScope(RolloutFile f)
    {
        if (f.NameId is not null && IdMatches is not null && !IdMatches(f.NameId))
        {
            return false;
        }

        if (f.NameTime is { } t)
        {
            if (After is { } a && t < a.AddDays(-1))
            {
                return false;
            }

            if (Before is { } b && t > b.AddDays(1))
            {
                return false;
            }
        }

        return true;
    }
}
