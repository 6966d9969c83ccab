using System.Text.Json;
using Codex.Plugins.Reports;

namespace Codex.Plugins.Tests.Reports;

public class SuppressedAndBaseReportTests
{
    private static AuditReport Report(params AuditEntry[] entries) =>
        new(entries, "Audit", "1.2.3", new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    private static readonly AuditEntry Open = new("CODEX-AGENT-001", FindingSeverity.Warning, "m", "agents.max_threads", "/home/ana/.codex/config.toml", 3, "fix", "m1", null);

    private static readonly AuditEntry Accepted = new AuditEntry("CODEX-AGENT-002", FindingSeverity.Warning, "m", "agents.max_depth", "/home/ana/.codex/work.config.toml", 2, "fix", "m1", null)
    {
        Suppressed = true,
        SuppressionReason = "batch host",
        Profile = "work",
    };

    [Fact]
    public void Json_lists_suppressed_findings_apart_and_never_counts_them_as_open()
    {
        using JsonDocument doc = JsonDocument.Parse(JsonReportWriter.Write(Report(Open, Accepted)));
        JsonElement root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("summary").GetProperty("total").GetInt32());
        Assert.Equal(1, root.GetProperty("summary").GetProperty("suppressed").GetInt32());
        Assert.Equal("CODEX-AGENT-001", Assert.Single(root.GetProperty("findings").EnumerateArray()).GetProperty("ruleId").GetString());
        JsonElement s = Assert.Single(root.GetProperty("suppressed").EnumerateArray());
        Assert.True(s.GetProperty("suppressed").GetBoolean());
        Assert.Equal("batch host", s.GetProperty("suppressionReason").GetString());
        Assert.Equal("work", s.GetProperty("profile").GetString());
    }

    [Fact]
    public void Sarif_marks_suppressed_results_with_suppressions_and_locates_files_under_a_base_id()
    {
        using JsonDocument doc = JsonDocument.Parse(SarifReportWriter.Write(Report(Open, Accepted)));
        JsonElement run = doc.RootElement.GetProperty("runs")[0];
        Assert.Equal("file:///home/ana/.codex/", run.GetProperty("originalUriBaseIds").GetProperty(SarifReportWriter.BaseId).GetProperty("uri").GetString());
        JsonElement[] results = run.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(2, results.Length);
        JsonElement open = results.Single(r => r.GetProperty("ruleId").GetString() == "CODEX-AGENT-001");
        Assert.False(open.TryGetProperty("suppressions", out _));
        JsonElement artifact = open.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.Equal("config.toml", artifact.GetProperty("uri").GetString());
        Assert.Equal(SarifReportWriter.BaseId, artifact.GetProperty("uriBaseId").GetString());
        JsonElement accepted = results.Single(r => r.GetProperty("ruleId").GetString() == "CODEX-AGENT-002");
        JsonElement suppression = Assert.Single(accepted.GetProperty("suppressions").EnumerateArray());
        Assert.Equal("batch host", suppression.GetProperty("justification").GetString());
    }

    [Fact]
    public void The_same_finding_piped_twice_is_one_entry()
    {
        Assert.Single(Report(Open, Open with { Profile = "work" }).Entries);
    }
}
