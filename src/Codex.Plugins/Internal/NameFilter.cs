namespace Codex.Plugins.Commands;

/// <summary>
/// The one way -Name style parameters match, the way Codex matches names: exact and case-sensitive (codex mcp get
/// Sentry does not find sentry), with * and ? wildcards, and a name also taken literally (hook keys hold brackets).
/// The module's own vocabulary (rule ids) ignores case: Codex has no opinion there. Plain names that matched nothing
/// are kept for a "not found" error with suggestions.
/// </summary>
internal sealed class NameFilter
{
    private readonly (string Text, WildcardPattern Pattern)[] patterns;
    private readonly HashSet<string> matched = new(StringComparer.Ordinal);
    private readonly StringComparison comparison;

    public NameFilter(IEnumerable<string>? names, bool ignoreCase = false)
    {
        comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        patterns = (names ?? Array.Empty<string>())
            .Where(n => !string.IsNullOrEmpty(n))
            .Select(n => (n, new WildcardPattern(n, ignoreCase ? WildcardOptions.IgnoreCase : WildcardOptions.None)))
            .ToArray();
    }

    public bool IsEmpty => patterns.Length == 0;

    /// <summary>True when no filter was given or any candidate matches any pattern; remembers which patterns matched.</summary>
    public bool Matches(params string?[] candidates)
    {
        if (IsEmpty)
        {
            return true;
        }

        bool any = false;
        foreach (var (text, pattern) in patterns)
        {
            if (candidates.Any(c => c is not null && Hit(text, pattern, c)))
            {
                matched.Add(text);
                any = true;
            }
        }

        return any;
    }

    /// <summary>The same test without remembering a match: for deciding which problems concern what was asked for.</summary>
    public bool Selects(params string?[] candidates) =>
        IsEmpty || patterns.Any(p => candidates.Any(c => c is not null && Hit(p.Text, p.Pattern, c)));

    /// <summary>The names and patterns given that select none of <paramref name="candidates"/>, in the order given.</summary>
    public IEnumerable<string> SelectingNone(IEnumerable<string> candidates) =>
        patterns.Where(p => !candidates.Any(c => Hit(p.Text, p.Pattern, c))).Select(p => p.Text);

    /// <summary>Names given without wildcards that matched nothing.</summary>
    public IEnumerable<string> Unmatched =>
        patterns.Select(p => p.Text).Where(t => !WildcardPattern.ContainsWildcardCharacters(t) && !matched.Contains(t));

    private bool Hit(string text, WildcardPattern pattern, string candidate) =>
        string.Equals(text, candidate, comparison) || pattern.IsMatch(candidate);
}
