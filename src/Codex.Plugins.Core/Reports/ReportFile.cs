namespace Codex.Plugins.Reports;

/// <summary>Writes a report file whole or not at all, the way configuration files are written (temp file, rename).</summary>
public static class ReportFile
{
    public static void Write(string path, string text)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        Configuration.Editing.AtomicFile.Write(full, ReportRenderer.Utf8NoBom.GetBytes(text), backup: false);
    }

    /// <summary>The format a file name asks for, when its extension names one.</summary>
    public static ReportFormat? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".sarif" => ReportFormat.Sarif,
        ".json" => ReportFormat.Json,
        ".html" or ".htm" => ReportFormat.Html,
        ".md" or ".markdown" => ReportFormat.Markdown,
        _ => null,
    };
}
