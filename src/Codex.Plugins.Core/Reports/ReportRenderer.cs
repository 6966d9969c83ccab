using System.Text;

namespace Codex.Plugins.Reports;

/// <summary>Renders a report in one of the formats.</summary>
public static class ReportRenderer
{
    public static string Render(AuditReport report, ReportFormat format) => format switch
    {
        ReportFormat.Json => JsonReportWriter.Write(report),
        ReportFormat.Sarif => SarifReportWriter.Write(report),
        ReportFormat.Html => HtmlReportWriter.Write(report),
        ReportFormat.Markdown => MarkdownReportWriter.Write(report),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>The usual file extension of a format, for a -Path given as a folder.</summary>
    public static string Extension(ReportFormat format) => format switch
    {
        ReportFormat.Sarif => ".sarif",
        ReportFormat.Html => ".html",
        ReportFormat.Markdown => ".md",
        _ => ".json",
    };

    internal static string SeverityWord(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => "error",
        FindingSeverity.Warning => "warning",
        _ => "information",
    };

    internal static string Location(AuditEntry e) =>
        e.File is null ? string.Empty : e.Line is int line ? $"{e.File}:{line}" : e.File;

    internal static readonly UTF8Encoding Utf8NoBom = new(false);
}
