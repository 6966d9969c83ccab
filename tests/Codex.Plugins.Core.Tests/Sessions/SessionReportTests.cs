using System.Text.Json;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Reports;
using Codex.Plugins.Sessions;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Sessions;

public class SessionReportTests
{
    private const string Token = "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";

    private static List<CodexSessionMeasurement> Measured(TempTree tree)
    {
        // The fixture's main session plus one line whose tool name carries a token (a tool name is model output).
        string main = tree.Write("s/" + Path.GetFileName(SessionFixtures.MainFile), File.ReadAllText(SessionFixtures.MainFile) +
            "{\"timestamp\":\"2026-12-07T01:07:20.000Z\",\"type\":\"response_item\",\"payload\":{\"type\":\"function_call\",\"name\":\"lookup-" + Token + "\",\"arguments\":\"{}\",\"call_id\":\"x1\"}}\n");
        var list = new List<CodexSessionMeasurement>();
        foreach (string f in new[] { main, SessionFixtures.SubFile })
        {
            CodexSessionMeasurement m = SessionMeasurer.Measure(f, new SessionReadContext("build01"), new List<CodexIssue>())!;
            SessionMeasurer.CheckLimits(m, new SessionLimits(6, 0));
            list.Add(m);
        }

        return list;
    }

    private static AuditReport Report(List<CodexSessionMeasurement> measured) =>
        new(measured.SelectMany(SessionFindings.For).Select(f => new AuditEntry(f.RuleId, f.Severity, f.Message, f.Target, f.File, f.Line, f.Remediation, "build01", null)),
            "Sessions", "0.1.0", new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero), Codex.Plugins.Findings.AuditRuleCatalog.Rules, SessionReportSection.Build(measured));

    [Fact]
    public void Json_carries_the_session_metrics_with_their_sources()
    {
        using var tree = new TempTree();
        string json = ReportRenderer.Render(Report(Measured(tree)), ReportFormat.Json);
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement s = doc.RootElement.GetProperty("sessions");

        Assert.Equal(2, s.GetProperty("count").GetInt32());
        Assert.Equal(12, s.GetProperty("toolCalls").GetInt64());
        Assert.Equal(1, s.GetProperty("hookBlocks").GetInt64());
        Assert.Equal(JsonValueKind.Null, s.GetProperty("hookRuns").ValueKind);
        Assert.Equal("rollout", s.GetProperty("sources").GetProperty("toolCalls").GetString());
        Assert.Equal("none", s.GetProperty("sources").GetProperty("hookRuns").GetString());
        Assert.Equal(1, s.GetProperty("sessionsOverLimits").GetInt32());
        Assert.Equal("agents.max_depth", s.GetProperty("limitBreaches")[0].GetProperty("limit").GetString());
        Assert.Contains(s.GetProperty("roles").EnumerateArray(), r => r.GetProperty("role").GetString() == "default");
        Assert.Equal(SessionRuleIds.LimitExceeded, doc.RootElement.GetProperty("findings")[0].GetProperty("ruleId").GetString());
        Assert.DoesNotContain(Token, json, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_draws_three_charts_without_script_and_masks_tool_names()
    {
        using var tree = new TempTree();
        string html = ReportRenderer.Render(Report(Measured(tree)), ReportFormat.Html);

        Assert.Contains("<section id=\"sessions\">", html, StringComparison.Ordinal);
        foreach (string chart in new[] { "chart-tools", "chart-blocked", "chart-tokens" })
        {
            Assert.Contains("<svg id=\"" + chart + "\"", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Token, html, StringComparison.Ordinal);
        Assert.Contains("lookup-", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_holds_findings_only_with_the_session_rule()
    {
        using var tree = new TempTree();
        string sarif = ReportRenderer.Render(Report(Measured(tree)), ReportFormat.Sarif);
        using JsonDocument doc = JsonDocument.Parse(sarif);
        JsonElement run = doc.RootElement.GetProperty("runs")[0];

        Assert.Equal(SessionRuleIds.LimitExceeded, run.GetProperty("results")[0].GetProperty("ruleId").GetString());
        Assert.DoesNotContain("\"sessions\"", sarif, StringComparison.Ordinal);
        Assert.DoesNotContain("toolCalls", sarif, StringComparison.Ordinal);
    }
}
