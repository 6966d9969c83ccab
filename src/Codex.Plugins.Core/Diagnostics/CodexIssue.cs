namespace Codex.Plugins.Diagnostics;

/// <summary>
/// One problem found while reading Codex's files. Never thrown across the engine boundary for per-item problems:
/// readers collect them and the cmdlets turn each into a non-terminating error (or a warning) and carry on.
/// </summary>
/// <param name="ErrorId">A stable id scripts can branch on, e.g. <c>ConfigParseError</c>.</param>
/// <param name="Message">What is wrong, in the words Codex uses where Codex has words for it.</param>
/// <param name="File">The file at fault.</param>
/// <param name="Line">1-based line, or null when the problem is the whole file.</param>
/// <param name="Column">1-based column, or null.</param>
/// <param name="Target">The item at fault (a server name, a plugin key), or the file.</param>
/// <param name="RecommendedAction">What to do about it.</param>
public sealed record CodexIssue(
    string ErrorId,
    IssueKind Kind,
    string Message,
    string? File,
    int? Line = null,
    int? Column = null,
    string? Target = null,
    string? RecommendedAction = null)
{
    /// <summary>file:line:column, as far as known.</summary>
    public string Location => File is null ? string.Empty
        : Line is null ? File
        : Column is null ? $"{File}:{Line}"
        : $"{File}:{Line}:{Column}";

    public override string ToString() => string.IsNullOrEmpty(Location) ? Message : $"{Location}: {Message}";
}
