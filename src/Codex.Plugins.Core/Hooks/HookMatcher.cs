using System.Text.RegularExpressions;

namespace Codex.Plugins.Hooks;

/// <summary>
/// Codex's matcher rules (codex-rs hooks events/common.rs): absent, "" and "*" match everything; a matcher made only of
/// letters, digits, '_' and '|' is a list of exact names ("Edit|Write", "mcp__memory__create_entities"); anything
/// else is a regular expression searched anywhere in the name ("^Bash" matches "BashOutput").
/// </summary>
public static class HookMatcher
{
    // Codex uses Rust's regex crate, which has no look-around and no backreferences: a matcher using them is
    // invalid there even though .NET would accept it.
    private static readonly Regex UnsupportedInRust = new(@"\(\?<?[=!]|\\[1-9]|\\k<", RegexOptions.CultureInvariant);

    public static bool IsMatchAll(string? matcher) => matcher is null || matcher.Length == 0 || matcher == "*";

    public static bool IsExact(string matcher) => matcher.All(c => (c < 128 && char.IsAsciiLetterOrDigit(c)) || c == '_' || c == '|');

    /// <summary>Null when Codex accepts the matcher, else why it does not (Codex then skips the whole group).</summary>
    public static string? Validate(string matcher)
    {
        if (IsMatchAll(matcher) || IsExact(matcher))
        {
            return null;
        }

        if (UnsupportedInRust.IsMatch(matcher))
        {
            return "look-around and backreferences are not supported by Codex's regex engine";
        }

        try
        {
            _ = new Regex(matcher, RegexOptions.CultureInvariant);
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>True when the matcher selects any of the names (the canonical name first, then its aliases).</summary>
    public static bool Matches(string? matcher, IEnumerable<string> names)
    {
        if (IsMatchAll(matcher))
        {
            return true;
        }

        if (IsExact(matcher!))
        {
            string[] candidates = matcher!.Split('|');
            return names.Any(n => candidates.Contains(n, StringComparer.Ordinal));
        }

        if (Validate(matcher!) is not null)
        {
            return false;
        }

        var regex = new Regex(matcher!, RegexOptions.CultureInvariant);
        return names.Any(regex.IsMatch);
    }
}
