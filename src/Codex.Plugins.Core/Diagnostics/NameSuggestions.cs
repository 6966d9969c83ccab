namespace Codex.Plugins.Diagnostics;

/// <summary>"Did you mean" candidates for a name that was not found.</summary>
public static class NameSuggestions
{
    public static IReadOnlyList<string> Closest(string wanted, IEnumerable<string> known, int max = 3)
    {
        return known
            .Distinct(StringComparer.Ordinal)
            .Select(k => (Name: k, Distance: Distance(wanted.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(x => x.Distance <= Math.Max(2, wanted.Length / 3) || x.Name.Contains(wanted, StringComparison.OrdinalIgnoreCase))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Name, StringComparer.Ordinal)
            .Take(max)
            .Select(x => x.Name)
            .ToList();
    }

    /// <summary>" Did you mean: a, b?" for the closest known names, or empty when none is close: to end a message with.</summary>
    public static string Hint(string wanted, IEnumerable<string> known)
    {
        IReadOnlyList<string> close = Closest(wanted, known);
        return close.Count > 0 ? $" Did you mean: {string.Join(", ", close)}?" : string.Empty;
    }

    /// <summary>"Did you mean: a, b?" as a recommended action, or <paramref name="otherwise"/> when no known name is close.</summary>
    public static string HintOr(string wanted, IEnumerable<string> known, string otherwise) =>
        Hint(wanted, known) is { Length: > 0 } hint ? hint.TrimStart() : otherwise;

    /// <summary>
    /// The issue for a <paramref name="name"/> nothing has: <paramref name="message"/> ended with the hint of the
    /// closest <paramref name="known"/> names, the name as its target.
    /// </summary>
    public static CodexIssue NotFound(string errorId, string name, string message, IEnumerable<string> known, string? file, string? recommendedAction = null) =>
        new(errorId, IssueKind.NotFound, message + Hint(name, known), file, Target: name, RecommendedAction: recommendedAction);

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
