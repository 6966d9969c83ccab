using Codex.Plugins.Diagnostics;
using Codex.Plugins.Sessions;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Sessions;

public class SessionQueryTests
{
    private static List<CodexSession> Sessions(SessionQuery query, List<CodexIssue> issues) =>
        query.Sessions(new SessionReadContext("test"), issues.Add).ToList();

    [Fact]
    public void The_meta_comes_from_the_head_and_the_end_from_the_last_line()
    {
        var issues = new List<CodexIssue>();
        List<CodexSession> sessions = Sessions(new SessionQuery { CodexHome = SessionFixtures.Home }, issues);

        Assert.Empty(issues);
        Assert.Equal(new[] { SessionFixtures.MainId, SessionFixtures.SubId }, sessions.Select(s => s.Id));
        CodexSession main = sessions[0];
        string lastLine = File.ReadLines(SessionFixtures.MainFile).Last();
        string lastStamp = lastLine.Substring(14, 24);
        Assert.Equal(DateTimeOffset.Parse(lastStamp, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime, main.End);
        Assert.Equal("gpt-test", main.Model);
        Assert.Equal("mock", main.ModelProvider);
        Assert.Equal("/srv/fleet/build01/work", main.Cwd);
        Assert.Equal("codex_exec", main.Originator);
        Assert.Equal("exec", main.Source);
        Assert.Equal(new FileInfo(SessionFixtures.MainFile).Length, main.Size);
        Assert.Equal("default", sessions[1].Role);
        Assert.Equal("subagent", sessions[1].Source);
        Assert.Equal("test", main.Machine);
    }

    [Fact]
    public void Filters_apply_before_files_are_opened_and_after()
    {
        var issues = new List<CodexIssue>();
        Assert.Empty(Sessions(new SessionQuery { CodexHome = SessionFixtures.Home, After = new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.Zero) }, issues));
        Assert.Empty(Sessions(new SessionQuery { CodexHome = SessionFixtures.Home, Before = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero) }, issues));
        Assert.Equal(2, Sessions(new SessionQuery { CodexHome = SessionFixtures.Home, After = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero) }, issues).Count);
        Assert.Equal(SessionFixtures.SubId, Assert.Single(Sessions(new SessionQuery { CodexHome = SessionFixtures.Home, IdMatches = id => id.StartsWith("01a24e0a-604d", StringComparison.Ordinal) }, issues)).Id);
        Assert.Equal(SessionFixtures.MainId, Assert.Single(Sessions(new SessionQuery { CodexHome = SessionFixtures.Home, SessionMatches = s => s.Role == "main" }, issues)).Id);
        Assert.Empty(issues);
    }

    [Fact]
    public void Day_folders_outside_the_window_are_not_read()
    {
        using var tree = new TempTree();
        SessionFixtures.CopyHome(tree);
        // A day folder with a file that cannot be read as a rollout: outside the window it must not even be opened.
        tree.Write("home/.codex/sessions/2025/01/01/rollout-2025-01-01T00-00-00-01a24e0a-0000-7000-8000-000000000001.jsonl", "{broken\n");
        var issues = new List<CodexIssue>();

        Assert.Equal(2, Sessions(new SessionQuery { CodexHome = tree.CodexHome, After = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) }, issues).Count);
        Assert.Empty(issues);

        Sessions(new SessionQuery { CodexHome = tree.CodexHome }, issues);
        Assert.Equal(ErrorIds.SessionLineInvalid, Assert.Single(issues).ErrorId);
    }

    [Fact]
    public void Archived_sessions_are_read_on_request_and_compressed_ones_are_reported()
    {
        using var tree = new TempTree();
        SessionFixtures.CopyHome(tree);
        string archived = tree.Dir("home/.codex/archived_sessions");
        File.Copy(SessionFixtures.SubFile, Path.Combine(archived, "rollout-2026-11-01T00-00-00-01a24e0a-0000-7000-8000-0000000000aa.jsonl"));
        tree.Write("home/.codex/archived_sessions/rollout-2026-11-02T00-00-00-01a24e0a-0000-7000-8000-0000000000bb.jsonl.zst", "(zstd)");
        var issues = new List<CodexIssue>();

        Assert.Equal(2, Sessions(new SessionQuery { CodexHome = tree.CodexHome }, issues).Count);
        List<CodexSession> all = Sessions(new SessionQuery { CodexHome = tree.CodexHome, IncludeArchived = true }, issues);

        Assert.Equal(3, all.Count);
        Assert.True(all.Single(s => s.IsArchived).IsArchived);
        Assert.Equal(ErrorIds.SessionFileCompressed, Assert.Single(issues).ErrorId);
    }

    [Fact]
    public void A_missing_home_or_path_is_reported()
    {
        var issues = new List<CodexIssue>();
        Assert.Empty(Sessions(new SessionQuery { CodexHome = "/nonexistent/codex-home" }, issues));
        Assert.Empty(Sessions(new SessionQuery { Paths = new[] { "/nonexistent/rollout.jsonl" } }, issues));
        Assert.Equal(new[] { ErrorIds.CodexHomeNotFound, ErrorIds.SessionNotFound }, issues.Select(i => i.ErrorId));
    }

    [Fact]
    public void A_file_without_session_meta_takes_its_id_from_its_name()
    {
        using var tree = new TempTree();
        var lines = File.ReadAllLines(SessionFixtures.SubFile).Skip(1);
        string path = tree.Write("x/rollout-2026-12-07T01-07-12-01a24e0a-604d-7580-a7d5-6d60af1837bd.jsonl", string.Join("\n", lines) + "\n");
        var issues = new List<CodexIssue>();

        CodexSession session = Assert.Single(Sessions(new SessionQuery { Paths = new[] { path } }, issues));

        Assert.Equal(SessionFixtures.SubId, session.Id);
        Assert.Equal(ErrorIds.SessionMetaMissing, Assert.Single(issues).ErrorId);
        Assert.Equal("gpt-test", session.Model);
    }
}
