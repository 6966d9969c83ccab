using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Masking;

/// <summary>
/// One file Protect-CodexData or Unprotect-CodexData rewrites: the file read, the file written, or why it is not
/// rewritten. Both cmdlets take -Path with -Destination or -InPlace the same way; this is that rule.
/// </summary>
public sealed record DataFileRewrite(string Source, string Target, CodexIssue? Refusal)
{
    /// <summary>
    /// The rewrite of <paramref name="source"/> (a full path): in place, or to <paramref name="destination"/>, a file, or
    /// a folder the file keeps its name in. Refused: a source that is a folder or nothing, a destination that is the
    /// source (that is -InPlace), and an existing destination unless <paramref name="replaceExisting"/>.
    /// </summary>
    public static DataFileRewrite Plan(string source, string? destination, bool inPlace, bool replaceExisting)
    {
        if (!File.Exists(source))
        {
            bool folder = Directory.Exists(source);
            return new DataFileRewrite(source, source, new CodexIssue(folder ? ErrorIds.SecretFileUnreadable : ErrorIds.SecretPathNotFound,
                folder ? IssueKind.ReadError : IssueKind.NotFound,
                folder ? "A folder: give its files (Get-ChildItem -File -Recurse | Protect-CodexData ...)." : $"No file at {source}.", source));
        }

        if (inPlace || destination is null)
        {
            return new DataFileRewrite(source, source, null);
        }

        string target = Directory.Exists(destination) ? Path.Combine(destination, Path.GetFileName(source)) : destination;
        string? problem = string.Equals(Path.GetFullPath(source), Path.GetFullPath(target), StringComparison.Ordinal)
            ? "-Destination is the source file; use -InPlace to replace it."
            : File.Exists(target) && !replaceExisting ? $"{target} exists; give -Force to replace it." : null;
        return new DataFileRewrite(source, target, problem is null ? null : new CodexIssue(ErrorIds.SecretDestinationInvalid, IssueKind.InvalidData, problem, target));
    }
}
