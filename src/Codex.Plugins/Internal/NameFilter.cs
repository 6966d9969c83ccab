using System.Management.Automation;

namespace Codex.Plugins.Commands;

/// <summary>
/// -Name style filtering: wildcard patterns, case-insensitive, and a list of the plain names that matched nothing
/// (for a "not found" error with suggestions).
/// </summary>
internal sealed class NameFilter
{
    private readonly (string Text, WildcardPattern Pattern)[] patterns;
    private readonly HashSet<string> matched = new(StringComparer.OrdinalIgnoreCase);

    public NameFilter(IEnumerable<string>? names)
    {
        patterns = (names ?? Array.Empty<string>())
            .Where(n => !string.IsNullOrEmpty(n))
            .Select(n => (n, new WildcardPattern(n, WildcardOptions.IgnoreCase)))
            .ToArray();
    }

    public bool IsEmpty => patterns.Length == 0;

    /// <summary>True when no filter was given or any candidate matches any pattern.</summary>
    public bool Matches(params string?[] candidates)
    {
        if (IsEmpty)
        {
            return true;
        }

        bool any = false;
        foreach (var (text, pattern) in patterns)
        {
            if (candidates.Any(c => c is not null && pattern.IsMatch(c)))
            {
                matched.Add(text);
                any = true;
            }
        }

        return any;
    }

    /// <summary>Names given without wildcards that matched nothing.</summary>
    public IEnumerable<string> Unmatched =>
        patterns.Select(p => p.Text).Where(t => !WildcardPattern.ContainsWildcardCharacters(t) && !matched.Contains(t));
}
