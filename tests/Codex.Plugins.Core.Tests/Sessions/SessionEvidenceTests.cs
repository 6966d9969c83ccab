using Codex.Plugins.Diagnostics;
using Codex.Plugins.Sessions;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Sessions;

public class SessionEvidenceTests
{
    private static CodexSessionMeasurement MeasureMain() => SessionMeasurer.Measure(SessionFixtures.MainFile, new SessionReadContext(), new List<CodexIssue>())!;

    [Fact]
    public void Otel_tool_decisions_count_as_approvals_of_their_conversation()
    {
        using var tree = new TempTree();
        string Record(string session, string decision) =>
            "{\"attributes\":[{\"key\":\"event.name\",\"value\":{\"stringValue\":\"codex.tool_decision\"}},{\"key\":\"conversation.id\",\"value\":{\"stringValue\":\"" + session +
            "\"}},{\"key\":\"tool_name\",\"value\":{\"stringValue\":\"exec_command\"}},{\"key\":\"decision\",\"value\":{\"stringValue\":\"" + decision + "\"}},{\"key\":\"source\",\"value\":{\"stringValue\":\"User\"}}]}";
        string export = "{\"resourceLogs\":[{\"resource\":{\"attributes\":[]},\"scopeLogs\":[{\"scope\":{\"name\":\"codex\"},\"logRecords\":[" +
            string.Join(",", Record(SessionFixtures.MainId, "approved"), Record(SessionFixtures.MainId, "approved_for_session"), Record(SessionFixtures.MainId, "denied"), Record("someone-else", "denied")) + "]}]}]}";
        string path = tree.Write("otel/logs.jsonl", export + "\n{oops\n");
        var evidence = new SessionEvidence();
        var issues = new List<CodexIssue>();
        evidence.AddOtelLog(path, issues);
        CodexSessionMeasurement m = MeasureMain();

        evidence.Apply(m);

        Assert.Equal(3, m.ApprovalsRequested);
        Assert.Equal(2, m.ApprovalsGranted);
        Assert.Equal(1, m.ApprovalsDenied);
        Assert.Equal(MetricSources.Otel, m.Sources["ApprovalsGranted"]);
        CodexIssue issue = Assert.Single(issues);
        Assert.Equal(ErrorIds.SessionEvidenceInvalid, issue.ErrorId);
        Assert.Equal(2, issue.Line);
    }

    [Fact]
    public void Exec_json_declined_items_are_denied_approvals()
    {
        using var tree = new TempTree();
        string path = tree.Write("exec.jsonl", string.Join("\n",
            "{\"type\":\"thread.started\",\"thread_id\":\"" + SessionFixtures.MainId + "\"}",
            "{\"type\":\"turn.started\"}",
            "{\"type\":\"item.completed\",\"item\":{\"id\":\"item_1\",\"type\":\"command_execution\",\"command\":\"rm -rf /\",\"aggregated_output\":\"\",\"exit_code\":null,\"status\":\"declined\"}}",
            "{\"type\":\"item.completed\",\"item\":{\"id\":\"item_2\",\"type\":\"command_execution\",\"command\":\"ls\",\"aggregated_output\":\"\",\"exit_code\":0,\"status\":\"completed\"}}") + "\n");
        var evidence = new SessionEvidence();
        evidence.AddExecJson(path, new List<CodexIssue>());
        CodexSessionMeasurement m = MeasureMain();

        evidence.Apply(m);

        Assert.Equal(1, m.ApprovalsDenied);
        Assert.Null(m.ApprovalsGranted);
        Assert.Equal(MetricSources.ExecJson, m.Sources["ApprovalsDenied"]);
        Assert.Equal(MetricSources.None, m.Sources["ApprovalsGranted"]);
    }

    [Fact]
    public void A_session_no_evidence_covers_keeps_unknown_values()
    {
        using var tree = new TempTree();
        string path = tree.Write("hooks.jsonl", "{\"time\":\"2026-12-07T01:00:00Z\",\"event\":\"PreToolUse\",\"counts\":{\"pass\":1,\"fail\":0,\"skip\":0,\"block\":1},\"payload\":\"{\\\"session_id\\\":\\\"another\\\"}\"}\n");
        var evidence = new SessionEvidence();
        evidence.AddHookLog(path, new List<CodexIssue>());
        CodexSessionMeasurement m = MeasureMain();

        evidence.Apply(m);

        Assert.Null(m.HookRuns);
        Assert.Equal(MetricSources.None, m.Sources["HookRuns"]);
    }
}
