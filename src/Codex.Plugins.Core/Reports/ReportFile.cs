namespace Codex.Plugins.Reports;

/// <summary>Writes a report file whole or not at all: a temp file beside it, then a rename over the target.</summary>
public static class ReportFile
{
    public static void Write(string path, string text)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                byte[] bytes = ReportRenderer.Utf8NoBom.GetBytes(text);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
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
