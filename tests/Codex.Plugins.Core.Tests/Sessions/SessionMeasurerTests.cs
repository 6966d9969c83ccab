using System.Text;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Sessions;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Sessions;

public class SessionMeasurerTests
{
    private static CodexSessionMeasurement Measure(string path, List<CodexIssue> issues, SessionReadContext? context = null) =>
        SessionMeasurer.Measure(path, context ?? new SessionReadContext("test"), issues)!;

    [Fact]
    public void A_real_rollout_is_measured_per_tool()
    {
        var issues = new List<CodexIssue>();
        CodexSessionMeasurement m = Measure(SessionFixtures.MainFile, issues);

        Assert.Empty(issues);
        Assert.Equal(SessionFixtures.MainId, m.Id);
        Assert.Equal("main", m.Role);
        Assert.Equal("gpt-test", m.Model);
        Assert.Equal("0.171.0", m.Session.CliVersion);
        Assert.Equal(2, m.Turns);
        Assert.Equal(2, m.CompletedTurns);
        Assert.Equal(10, m.ToolCalls);
        Assert.Equal(5, m.Tools.Single(t => t.Tool == "exec_command").Calls);
        Assert.Equal(1, m.Tools.Single(t => t.Tool == "exec_command").Failures);
        Assert.Equal(1, m.Tools.Single(t => t.Tool == "exec_command").Blocked);
        Assert.Equal("docs", m.Tools.Single(t => t.Tool == "mcp__docs__slow").McpServer);
        Assert.Equal(1, m.McpTimeouts);
        Assert.Equal(2, m.McpFailures);
        Assert.True(m.McpDuration >= TimeSpan.FromSeconds(2));
        Assert.Equal(1, m.HookBlocks);
        Assert.Equal(new[] { "no forbidden words" }, m.BlockReasons);
        Assert.Equal(new[] { SessionFixtures.SubId }, m.SubagentIds);
        Assert.True(m.Tokens.Total > 0);
        Assert.True(m.IsComplete);
        Assert.Equal(MetricSources.Rollout, m.Sources["ToolCalls"]);
        Assert.Equal(MetricSources.None, m.Sources["HookPassed"]);
    }

    [Fact]
    public void A_subagent_names_its_parent_role_and_depth()
    {
        CodexSessionMeasurement m = Measure(SessionFixtures.SubFile, new List<CodexIssue>());
        Assert.Equal("default", m.Role);
        Assert.Equal(SessionFixtures.MainId, m.Session.ParentSessionId);
        Assert.Equal(SessionFixtures.MainId, m.Session.RootSessionId);
        Assert.Equal(1, m.Depth);
        Assert.False(string.IsNullOrEmpty(m.Session.AgentNickname));
    }

    [Fact]
    public void A_cut_off_last_line_is_reported_and_the_lines_before_it_still_count()
    {
        using var tree = new TempTree();
        byte[] whole = File.ReadAllBytes(SessionFixtures.MainFile);
        // Cut the last line (task_complete of turn 2) in the middle, as a session still being written leaves it.
        int lastStart = Array.LastIndexOf(whole, (byte)'\n', whole.Length - 2) + 1;
        string path = Path.Combine(tree.Dir("cut"), Path.GetFileName(SessionFixtures.MainFile));
        File.WriteAllBytes(path, whole[..(lastStart + 40)]);

        var issues = new List<CodexIssue>();
        CodexSessionMeasurement m = Measure(path, issues);

        CodexIssue issue = Assert.Single(issues);
        Assert.Equal(ErrorIds.SessionLineTruncated, issue.ErrorId);
        Assert.Equal(path, issue.File);
        Assert.False(m.IsComplete);
        Assert.Equal(1, m.InvalidLines);
        Assert.Equal(10, m.ToolCalls);
        Assert.Equal(1, m.CompletedTurns);
    }

    [Fact]
    public void Invalid_lines_are_counted_reported_with_their_line_and_skipped()
    {
        using var tree = new TempTree();
        var lines = File.ReadAllLines(SessionFixtures.MainFile).ToList();
        lines.Insert(10, "{not json");
        lines.Insert(20, "[1,2,3]");
        string path = tree.Write("bad/" + Path.GetFileName(SessionFixtures.MainFile), string.Join("\n", lines) + "\n");

        var issues = new List<CodexIssue>();
        CodexSessionMeasurement m = Measure(path, issues);

        Assert.Equal(2, m.InvalidLines);
        Assert.Equal(new int?[] { 11, 21 }, issues.Where(i => i.ErrorId == ErrorIds.SessionLineInvalid).Select(i => i.Line).ToArray());
        Assert.Equal(10, m.ToolCalls);
        Assert.True(m.IsComplete);
    }

    [Fact]
    public void An_unknown_item_kind_is_counted_and_reported_once_per_run()
    {
        using var tree = new TempTree();
        string unknown = "{\"timestamp\":\"2026-12-07T01:07:08.000Z\",\"type\":\"hologram_state\",\"payload\":{\"x\":1}}";
        string a = tree.Write("u/rollout-2026-12-07T01-07-06-01a24e0a-0000-7000-8000-00000000000a.jsonl", File.ReadAllText(SessionFixtures.SubFile) + unknown + "\n" + unknown + "\n");
        string b = tree.Write("u/rollout-2026-12-07T01-07-06-01a24e0a-0000-7000-8000-00000000000b.jsonl", File.ReadAllText(SessionFixtures.SubFile) + unknown + "\n");
        var context = new SessionReadContext("test");
        var issues = new List<CodexIssue>();

        CodexSessionMeasurement first = Measure(a, issues, context);
        CodexSessionMeasurement second = Measure(b, issues, context);

        Assert.Equal(2, first.UnknownItems);
        Assert.Equal(1, second.UnknownItems);
        CodexIssue issue = Assert.Single(issues);
        Assert.Equal(ErrorIds.SessionItemUnknown, issue.ErrorId);
        Assert.Equal("hologram_state", issue.Target);
        Assert.Equal(1, first.ToolCalls);
    }

    [Fact]
    public void An_empty_file_is_reported_and_gives_no_measurement()
    {
        using var tree = new TempTree();
        string path = tree.Write("e/rollout-2026-12-07T01-07-06-01a24e0a-0000-7000-8000-0000000000ee.jsonl", string.Empty);
        var issues = new List<CodexIssue>();
        Assert.Null(SessionMeasurer.Measure(path, new SessionReadContext(), issues));
        Assert.Equal(ErrorIds.SessionFileEmpty, Assert.Single(issues).ErrorId);
    }

    [Fact]
    public void A_rollout_from_before_the_envelope_is_measured()
    {
        // The first rollout format: a bare meta line, bare response items, and state lines.
        using var tree = new TempTree();
        string path = tree.Write("old/rollout-2025-05-02T10-00-00-0196a1b2-0000-7000-8000-000000000001.jsonl", string.Join("\n",
            "{\"id\":\"0196a1b2-0000-7000-8000-000000000001\",\"timestamp\":\"2025-05-02T10:00:00.000Z\",\"instructions\":null}",
            "{\"record_type\":\"state\"}",
            "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}",
            "{\"type\":\"function_call\",\"name\":\"shell\",\"arguments\":\"{\\\"command\\\":[\\\"ls\\\"]}\",\"call_id\":\"call_a\"}",
            "{\"type\":\"function_call_output\",\"call_id\":\"call_a\",\"output\":\"{\\\"output\\\":\\\"x\\\",\\\"metadata\\\":{\\\"exit_code\\\":2,\\\"duration_seconds\\\":0.1}}\"}",
            "{\"type\":\"function_call\",\"name\":\"shell\",\"arguments\":\"{}\",\"call_id\":\"call_b\"}",
            "{\"type\":\"function_call_output\",\"call_id\":\"call_b\",\"output\":\"{\\\"output\\\":\\\"ok\\\",\\\"metadata\\\":{\\\"exit_code\\\":0,\\\"duration_seconds\\\":0.1}}\"}",
            "{\"record_type\":\"state\"}") + "\n");
        var issues = new List<CodexIssue>();

        CodexSessionMeasurement m = Measure(path, issues);

        Assert.Empty(issues);
        Assert.Equal("0196a1b2-0000-7000-8000-000000000001", m.Id);
        Assert.Equal(new DateTime(2025, 5, 2, 10, 0, 0, DateTimeKind.Utc), m.Start);
        Assert.Equal(2, m.ToolCalls);
        Assert.Equal(1, m.Tools.Single(t => t.Tool == "shell").Failures);
        Assert.Equal(0, m.UnknownItems);
    }

    [Fact]
    public void Older_envelope_events_give_mcp_results_durations_and_exit_codes()
    {
        // Versions that named MCP tools mcp__server__tool and persisted mcp_tool_call_end / exec_command_end; fields in any order.
        using var tree = new TempTree();
        string path = tree.Write("mid/rollout-2025-09-01T10-00-00-0199a1b2-0000-7000-8000-000000000002.jsonl", string.Join("\n",
            "{\"timestamp\":\"2025-09-01T10:00:00.000Z\",\"type\":\"session_meta\",\"payload\":{\"id\":\"0199a1b2-0000-7000-8000-000000000002\",\"timestamp\":\"2025-09-01T10:00:00.000Z\",\"cwd\":\"/repo\",\"originator\":\"codex_cli_rs\",\"cli_version\":\"0.38.0\"}}",
            "{\"timestamp\":\"2025-09-01T10:00:01.000Z\",\"type\":\"turn_context\",\"payload\":{\"cwd\":\"/repo\",\"approval_policy\":\"on-request\",\"model\":\"gpt-5-codex\"}}",
            "{\"payload\":{\"name\":\"mcp__docs__search\",\"arguments\":\"{}\",\"call_id\":\"c1\",\"type\":\"function_call\"},\"type\":\"response_item\",\"timestamp\":\"2025-09-01T10:00:02.000Z\"}",
            "{\"timestamp\":\"2025-09-01T10:00:03.000Z\",\"type\":\"event_msg\",\"payload\":{\"type\":\"mcp_tool_call_end\",\"call_id\":\"c1\",\"invocation\":{\"server\":\"docs\",\"tool\":\"search\",\"arguments\":{}},\"duration\":{\"secs\":30,\"nanos\":0},\"result\":{\"Err\":\"tool call timed out after 30s\"}}}",
            "{\"timestamp\":\"2025-09-01T10:00:04.000Z\",\"type\":\"response_item\",\"payload\":{\"type\":\"function_call\",\"name\":\"shell\",\"arguments\":\"{}\",\"call_id\":\"c2\"}}",
            "{\"timestamp\":\"2025-09-01T10:00:05.000Z\",\"type\":\"event_msg\",\"payload\":{\"type\":\"exec_command_end\",\"call_id\":\"c2\",\"exit_code\":1,\"duration\":{\"secs\":0,\"nanos\":5000000}}}",
            "{\"timestamp\":\"2025-09-01T10:00:06.000Z\",\"type\":\"event_msg\",\"payload\":{\"type\":\"turn_aborted\",\"reason\":\"interrupted\"}}") + "\n");

        CodexSessionMeasurement m = Measure(path, new List<CodexIssue>());

        Assert.Equal("gpt-5-codex", m.Model);
        Assert.Equal(1, m.Turns);
        Assert.Equal(1, m.Aborts);
        Assert.Equal(1, m.McpCalls);
        Assert.Equal(1, m.McpTimeouts);
        Assert.Equal(TimeSpan.FromSeconds(30), m.McpDuration);
        Assert.Equal(1, m.Tools.Single(t => t.Tool == "shell").Failures);
        Assert.Equal(TimeSpan.FromSeconds(6), m.Duration);
    }

    [Fact]
    public void Limits_are_checked_against_depth_and_open_subagents()
    {
        CodexSessionMeasurement sub = Measure(SessionFixtures.SubFile, new List<CodexIssue>());
        SessionMeasurer.CheckLimits(sub, new SessionLimits(6, 0));
        SessionLimitBreach breach = Assert.Single(sub.LimitBreaches);
        Assert.Equal("agents.max_depth", breach.Limit);
        Assert.Equal(1, breach.Value);

        CodexSessionMeasurement main = Measure(SessionFixtures.MainFile, new List<CodexIssue>());
        SessionMeasurer.CheckLimits(main, SessionLimits.Default);
        Assert.False(main.ExceedsLimits);
        SessionMeasurer.CheckLimits(main, new SessionLimits(0, 1));
        Assert.Equal("agents.max_threads", Assert.Single(main.LimitBreaches).Limit);
    }

    [Fact]
    public void Summaries_sum_per_role_and_day()
    {
        var byRole = new SessionSummaryBuilder(SessionGrouping.Role);
        var all = new SessionSummaryBuilder();
        foreach (string f in new[] { SessionFixtures.MainFile, SessionFixtures.SubFile })
        {
            CodexSessionMeasurement m = Measure(f, new List<CodexIssue>());
            byRole.Add(m);
            all.Add(m);
        }

        CodexSessionSummary total = Assert.Single(all.Build());
        Assert.Equal(2, total.Sessions);
        Assert.Equal(11, total.ToolCalls);
        Assert.Equal(new[] { "default", "main" }, total.TokensByRole.Keys);
        Assert.Equal(6, total.Tools.Single(t => t.Tool == "exec_command" && t.Role == "main").Calls + total.Tools.Single(t => t.Tool == "exec_command" && t.Role == "default").Calls);
        Assert.Equal(new[] { "default", "main" }, byRole.Build().Select(s => s.Group));
    }
}
