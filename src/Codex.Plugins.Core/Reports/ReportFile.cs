using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Reports;

/// <summary>Writes a report file whole or not at all, the way configuration files are written (temp file, rename).</summary>
public static class ReportFile
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>; a file or folder that cannot be written is ReportWriteFailed (thrown).</summary>
    public static void Write(string path, string text)
    {
        try
        {
            string full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            Configuration.Editing.AtomicFile.Write(full, ReportRenderer.Utf8NoBom.GetBytes(text), backup: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CodexIssueException)
        {
            string why = ex is CodexIssueException issue ? issue.Issue.Message : ex.Message;
            throw new CodexIssueException(new CodexIssue(ErrorIds.ReportWriteFailed, IssueKind.ReadError,
                $"The report could not be written to '{path}': {why}", path, Target: path,
                RecommendedAction: "Check that the folder is writable and the file is not marked read-only."), ex);
        }
    }

    /// <summary>The refusal of -NoClobber when <paramref name="path"/> exists (a bad destination parameter), else null.</summary>
    public static CodexIssue? RefuseExisting(string path) => !File.Exists(path) ? null
        : new CodexIssue(ErrorIds.ReportFileExists, IssueKind.InvalidArgument,
            $"The file '{path}' exists and -NoClobber was given.", path, Target: path, RecommendedAction: "Choose another -Path, or drop -NoClobber.");

    /// <summary>The format <paramref name="format"/> names (any case), else the one <paramref name="path"/>'s extension asks for, else JSON.</summary>
    public static ReportFormat FormatFor(string? format, string? path) =>
        format is not null ? Enum.Parse<ReportFormat>(format, ignoreCase: true) : (path is null ? null : FormatOf(path)) ?? ReportFormat.Json;

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
