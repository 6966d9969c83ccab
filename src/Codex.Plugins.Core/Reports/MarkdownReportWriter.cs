using System.Text;

namespace Codex.Plugins.Reports;

/// <summary>Markdown for a pull request or an issue: a summary table, then the findings by severity.</summary>
public static class MarkdownReportWriter
{
    public static string Write(AuditReport report)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(Inline(report.Title)).Append("\n\n");
        md.Append("Generated ").Append(report.GeneratedAt.ToString("yyyy-MM-dd HH:mm 'UTC'zzz")).Append(" by ")
            .Append(AuditReport.ToolName).Append(' ').Append(report.ToolVersion).Append(" over ")
            .Append(report.Machines.Count).Append(report.Machines.Count == 1 ? " machine" : " machines").Append(".\n\n");
        md.Append("| Severity | Findings |\n|---|---:|\n");
        foreach (FindingSeverity severity in new[] { FindingSeverity.Error, FindingSeverity.Warning, FindingSeverity.Information })
        {
            md.Append("| ").Append(ReportRenderer.SeverityWord(severity)).Append(" | ").Append(report.Count(severity)).Append(" |\n");
        }

        if (report.Entries.Count == 0)
        {
            md.Append("\nNo findings.\n");
            if (report.Sessions is not null)
            {
                SessionReportWriter.WriteMarkdown(md, report.Sessions);
            }

            return md.ToString();
        }

        foreach (var group in report.Entries.GroupBy(e => e.Severity))
        {
            md.Append("\n## ").Append(char.ToUpperInvariant(ReportRenderer.SeverityWord(group.Key)[0]))
                .Append(ReportRenderer.SeverityWord(group.Key)[1..]).Append(" (").Append(group.Count()).Append(")\n\n");
            md.Append("| Rule | Machine | Target | Message | Location | Remediation |\n|---|---|---|---|---|---|\n");
            foreach (AuditEntry e in group)
            {
                md.Append("| `").Append(Code(e.RuleId)).Append("` | ").Append(Cell(e.Machine)).Append(" | ").Append(Cell(e.Target))
                    .Append(" | ").Append(Cell(e.Message)).Append(" | ").Append(e.File is null ? string.Empty : "`" + Code(ReportRenderer.Location(e)) + "`")
                    .Append(" | ").Append(Cell(e.Remediation)).Append(" |\n");
            }
        }

        if (report.Sessions is not null)
        {
            SessionReportWriter.WriteMarkdown(md, report.Sessions);
        }

        return md.ToString();
    }

    // Text from configuration files goes into table cells: pipes, newlines and markup characters must stay text.
    private static string Cell(string text) => Inline(text).Replace("|", "\\|", StringComparison.Ordinal);

    private static string Inline(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text.ReplaceLineEndings(" "))
        {
            if ("\\`*_{}[]<>#!".Contains(c))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static string Code(string text) => text.Replace("`", "'", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
