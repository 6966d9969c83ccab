using System.Text.Json;

namespace Codex.Plugins.Reports;

/// <summary>
/// One JSON document: the tool, when, a summary by severity, and every finding flat (machine included), so a SIEM can
/// ingest findings one by one without joining anything.
/// </summary>
public static class JsonReportWriter
{
    public static string Write(AuditReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("tool", AuditReport.ToolName);
            json.WriteString("toolVersion", report.ToolVersion);
            json.WriteString("title", report.Title);
            json.WriteString("generatedAt", report.GeneratedAt.ToString("O"));
            json.WriteStartObject("summary");
            json.WriteNumber("total", report.Entries.Count);
            json.WriteNumber("error", report.Count(FindingSeverity.Error));
            json.WriteNumber("warning", report.Count(FindingSeverity.Warning));
            json.WriteNumber("information", report.Count(FindingSeverity.Information));
            json.WriteNumber("machines", report.Machines.Count);
            json.WriteNumber("suppressed", report.Suppressed.Count);
            json.WriteEndObject();
            WriteEntries(json, "findings", report.Entries);

            // Accepted risks apart from the open findings, so a SIEM never counts them as open.
            WriteEntries(json, "suppressed", report.Suppressed);
            if (report.Sessions is not null)
            {
                SessionReportWriter.WriteJson(json, report.Sessions);
            }

            json.WriteEndObject();
        }

        return ReportRenderer.Utf8NoBom.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteEntries(Utf8JsonWriter json, string name, IEnumerable<AuditEntry> entries)
    {
        json.WriteStartArray(name);
        foreach (AuditEntry e in entries)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", e.RuleId);
            json.WriteString("severity", ReportRenderer.SeverityWord(e.Severity));
            json.WriteString("message", e.Message);
            json.WriteString("target", e.Target);
            WriteOptional(json, "file", e.File);
            if (e.Line is int line)
            {
                json.WriteNumber("line", line);
            }

            json.WriteString("remediation", e.Remediation);
            json.WriteString("machine", e.Machine);
            WriteOptional(json, "pluginId", e.PluginId);
            WriteOptional(json, "profile", e.Profile);
            if (e.Suppressed)
            {
                json.WriteBoolean("suppressed", true);
                WriteOptional(json, "suppressionReason", e.SuppressionReason);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
