using System.Text.RegularExpressions;

namespace Codex.Plugins.Permissions;

/// <summary>One filesystem entry of a resolved profile, bound to an absolute path or an absolute glob.</summary>
internal sealed record FileSystemRule(
    string Key,
    string SubPath,
    string? Path,
    string? Glob,
    FileSystemAccess Access,
    string DefinedBy,
    string Origin,
    string? File,
    int? Line,
    string Rule)
{
    private Regex? globRegex;

    public string Target => Path ?? Glob ?? string.Empty;

    /// <summary>
    /// The concrete path this rule covers for a probe, or null. Globs are pre-expanded by Codex when the sandbox
    /// starts (only paths that exist then are masked), so a glob only covers an existing path or an existing
    /// ancestor; a file created later under a denied pattern is not covered (checked against the binary).
    /// </summary>
    public string? Covering(string target, Func<string, bool> exists)
    {
        if (Path is not null)
        {
            return PathRules.IsWithin(target, Path) ? Path : null;
        }

        if (Glob is null)
        {
            return null;
        }

        globRegex ??= PathRules.GlobToRegex(Glob);
        for (string? candidate = target; candidate is not null; candidate = PathRules.Parent(candidate))
        {
            if (globRegex.IsMatch(candidate) && exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
