using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Configuration.Editing;

/// <summary>What Commit did to one file: written or not, the notes to show, and the items now in place or failed.</summary>
public sealed record ConfigBatchFileResult(
    string Path,
    ConfigEditResult? Result,
    IReadOnlyList<CodexIssue> Notes,
    IReadOnlyList<string> Done,
    IReadOnlyList<CodexIssue> Errors)
{
    /// <summary>What was written, for the verbose stream (null when the file was not written).</summary>
    public string? WrittenNote => Result is { Written: true } result
        ? $"Wrote {result.Path}{(result.Retried ? " (re-read: it had changed on disk)" : string.Empty)}{(result.BackupPath is null ? string.Empty : $"; previous version in {result.BackupPath}")}."
        : null;
}
