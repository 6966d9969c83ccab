using System.Text.Json;
using Codex.Plugins.Reports;

namespace Codex.Plugins.Tests.Reports;

public class ReportTests
{
    private static AuditEntry Entry(string rule, FindingSeverity severity, string machine = "m1", string target = "t", string message = "msg", string? file = "/x/config.toml", int? line = 3) =>
        new(rule, severity, message, target, file, line, "fix it", machine, AuditEntry.PluginOf(target, null));

    private static AuditReport Report(params AuditEntry[] entries) =>
        new(entries, "Audit", "1.2.3", new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData("github@openai-curated", "github@openai-curated")]
    [InlineData("mcp_servers.docs", null)]
    [InlineData("a@b@c", null)]
    [InlineData("@team", null)]
    [InlineData("user@example.com is not a plugin", null)]
    public void A_target_written_as_a_plugin_key_names_the_plugin(string target, string? plugin) =>
        Assert.Equal(plugin, AuditEntry.PluginOf(target, null));

    [Fact]
    public void Entries_come_most_severe_first_then_by_machine_rule_and_place_whatever_the_input_order()
    {
        AuditEntry[] entries =
        {
            Entry("B", FindingSeverity.Warning, "m2"), Entry("A", FindingSeverity.Error, "m2"),
            Entry("A", FindingSeverity.Warning, "m1", line: 9), Entry("A", FindingSeverity.Warning, "m1", line: 2),
            Entry("C", FindingSeverity.Information),
        };
        string forward = JsonReportWriter.Write(Report(entries));
        string backward = JsonReportWriter.Write(Report(Enumerable.Reverse(entries).ToArray()));
        Assert.Equal(forward, backward);
        using JsonDocument doc = JsonDocument.Parse(forward);
        string[] order = doc.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("severity").GetString()}:{f.GetProperty("machine").GetString()}:{f.GetProperty("ruleId").GetString()}:{f.GetProperty("line").GetInt32()}").ToArray();
        Assert.Equal(new[] { "error:m2:A:3", "warning:m1:A:2", "warning:m1:A:9", "warning:m2:B:3", "information:m1:C:3" }, order);
    }

    [Fact]
    public void Sarif_results_point_at_their_rule_and_keep_machines_apart()
    {
        using JsonDocument doc = JsonDocument.Parse(SarifReportWriter.Write(Report(
            Entry("Z", FindingSeverity.Information), Entry("A", FindingSeverity.Error, "m1"), Entry("A", FindingSeverity.Error, "m2"))));
        JsonElement run = doc.RootElement.GetProperty("runs")[0];
        JsonElement[] rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToArray();
        Assert.Equal(new[] { "A", "Z" }, rules.Select(r => r.GetProperty("id").GetString()));
        JsonElement[] results = run.GetProperty("results").EnumerateArray().ToArray();
        foreach (JsonElement result in results)
        {
            Assert.Equal(result.GetProperty("ruleId").GetString(), rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
        }

        Assert.Equal("note", results.Single(r => r.GetProperty("ruleId").GetString() == "Z").GetProperty("level").GetString());
        string[] prints = results.Select(r => r.GetProperty("partialFingerprints").GetProperty("codexFinding/v1").GetString()!).ToArray();
        Assert.Equal(prints.Length, prints.Distinct().Count());
        // Relative to the report's base id, which resolves to where the file is.
        JsonElement artifact = results[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        string baseUri = run.GetProperty("originalUriBaseIds").GetProperty(artifact.GetProperty("uriBaseId").GetString()!).GetProperty("uri").GetString()!;
        Assert.Equal("file:///x/config.toml", new Uri(new Uri(baseUri), artifact.GetProperty("uri").GetString()).AbsoluteUri);
    }

    [Fact]
    public void Html_encodes_every_text_that_comes_from_configuration()
    {
        string html = HtmlReportWriter.Write(Report(Entry("R<b>", FindingSeverity.Error, "<m>", "x\" onmouseover=\"y", "<script>alert(1)</script>")));
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>", html);
        Assert.DoesNotContain("\" onmouseover", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    [Fact]
    public void A_report_without_findings_still_says_so_in_every_format()
    {
        AuditReport empty = Report();
        Assert.Contains("No findings.", HtmlReportWriter.Write(empty));
        Assert.Contains("No findings.", MarkdownReportWriter.Write(empty));
        using JsonDocument sarif = JsonDocument.Parse(SarifReportWriter.Write(empty));
        Assert.Equal(0, sarif.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength());
    }
}

public class AuditRuleCatalogTests
{
    [Fact]
    public void Every_rule_id_the_audit_can_emit_has_a_summary_for_reports()
    {
        string[] ids = new[] { typeof(Codex.Plugins.Findings.AuditRuleIds), typeof(Codex.Plugins.Permissions.PermissionRuleIds) }
            .SelectMany(t => t.GetFields()).Where(f => f.IsLiteral).Select(f => (string)f.GetValue(null)!).ToArray();
        Assert.True(ids.Length >= 18);
        Assert.All(ids, id => Assert.True(Codex.Plugins.Findings.AuditRuleCatalog.Rules.ContainsKey(id), $"{id} has no catalog entry"));
    }

    [Fact]
    public void A_report_describes_known_rules_from_the_catalog_and_unknown_ones_by_id()
    {
        var report = new AuditReport(
            new[] { new AuditEntry("CODEX-MCP-001", FindingSeverity.Warning, "m", "t", null, null, "", "m1", null), new AuditEntry("PluginNameMismatch", FindingSeverity.Error, "m", "p@m", null, null, "", "m1", "p@m") },
            "Audit", "1.0.0", DateTimeOffset.UnixEpoch, Codex.Plugins.Findings.AuditRuleCatalog.Rules);
        Assert.Contains("enabled_tools", report.Rules.Single(r => r.Id == "CODEX-MCP-001").Summary);
        Assert.Equal("PluginNameMismatch", report.Rules.Single(r => r.Id == "PluginNameMismatch").Summary);
    }
}
