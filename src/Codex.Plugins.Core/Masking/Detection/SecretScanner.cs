using System.Text.RegularExpressions;

namespace Codex.Plugins.Masking.Detection;

/// <summary>One secret found in a text: the detector, where it is, and the secret itself (never shown unless asked).</summary>
public readonly record struct SecretMatch(SecretDetector Detector, int Start, int Length, string Value)
{
    public int End => Start + Length;
}

/// <summary>Which detectors run and what is allowed through.</summary>
public sealed record SecretScanOptions
{
    /// <summary>Detector ids or kinds to run (empty: all of the included categories).</summary>
    public IReadOnlyList<string> Rules { get; init; } = Array.Empty<string>();

    /// <summary>Detector ids or kinds never to run.</summary>
    public IReadOnlyList<string> ExcludeRules { get; init; } = Array.Empty<string>();

    /// <summary>Categories that run when no rule is named.</summary>
    public IReadOnlyList<DetectorCategory> Categories { get; init; } = new[] { DetectorCategory.Secret };

    /// <summary>A secret matching one of these is allowed (a known test key, a team's own public id).</summary>
    public IReadOnlyList<Regex> AllowPatterns { get; init; } = Array.Empty<Regex>();

    /// <summary>A line carrying this marker (in a comment) is allowed, as gitleaks' <c>gitleaks:allow</c>.</summary>
    public const string InlineAllowMarker = "codex-secret:allow";

    public static SecretScanOptions Secrets { get; } = new();

    public static SecretScanOptions SecretsAndPersonalData { get; } = new() { Categories = new[] { DetectorCategory.Secret, DetectorCategory.PersonalData } };
}

/// <summary>
/// Runs the detectors over a text: each detector's keywords are looked for first (a vectorised substring search), the
/// pattern runs only where one occurs, candidates go through stopwords, the placeholder checks, the entropy floor and
/// the validator, and where detectors overlap the more specific one wins. Thread-safe; one per option set.
/// </summary>
public sealed class SecretScanner
{
    private readonly SecretDetector[] _detectors;
    private readonly SecretScanOptions _options;

    public SecretScanner(SecretScanOptions? options = null)
    {
        _options = options ?? SecretScanOptions.Secrets;
        _detectors = Select(_options).ToArray();
    }

    public static IReadOnlyList<SecretDetector> Select(SecretScanOptions options)
    {
        static bool Named(SecretDetector d, IReadOnlyList<string> names) =>
            names.Any(n => string.Equals(n, d.Id, StringComparison.OrdinalIgnoreCase) || string.Equals(n, d.Kind, StringComparison.OrdinalIgnoreCase));

        return DetectorCatalog.All
            .Where(d => options.Rules.Count > 0 ? Named(d, options.Rules) : options.Categories.Contains(d.Category))
            .Where(d => !Named(d, options.ExcludeRules))
            .ToArray();
    }

    public IReadOnlyList<SecretDetector> Detectors => _detectors;

    /// <summary>The secrets in the text, in order, none overlapping.</summary>
    public List<SecretMatch> Scan(string text)
    {
        var candidates = new List<SecretMatch>();
        if (string.IsNullOrEmpty(text))
        {
            return candidates;
        }

        foreach (SecretDetector detector in _detectors)
        {
            if (!KeywordPresent(text, detector))
            {
                continue;
            }

            for (Match m = detector.Pattern.Match(text); m.Success; m = m.NextMatch())
            {
                if (detector.MatchValidator is not null && !detector.MatchValidator(m))
                {
                    continue;
                }

                if (detector.SpanSelector is not null)
                {
                    foreach ((int start, int length) in detector.SpanSelector(m))
                    {
                        Consider(candidates, detector, text, start, length);
                    }

                    continue;
                }

                Group secret = m.Groups["secret"];
                if (secret.Success)
                {
                    Consider(candidates, detector, text, secret.Index, secret.Length);
                }
                else
                {
                    Consider(candidates, detector, text, m.Index, m.Length);
                }
            }
        }

        return ResolveOverlaps(candidates);
    }

    private static bool KeywordPresent(string text, SecretDetector detector)
    {
        if (detector.Keywords.Count == 0)
        {
            return true;
        }

        foreach (string keyword in detector.Keywords)
        {
            if (text.Contains(keyword, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private void Consider(List<SecretMatch> candidates, SecretDetector detector, string text, int start, int length)
    {
        if (length <= 0)
        {
            return;
        }

        string value = text.Substring(start, length);
        if (IsRealSecret(detector, value) && !IsAllowed(text, start, value))
        {
            candidates.Add(new SecretMatch(detector, start, length, value));
        }
    }

    /// <summary>The checks a candidate value must pass for this detector (stopwords, placeholders, entropy, validator).</summary>
    public static bool IsRealSecret(SecretDetector detector, string value)
    {
        foreach (string stop in detector.Stopwords)
        {
            if (value.Contains(stop, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        if (value == SecretMask.Mask || value.Contains(SecretMask.Mask, StringComparison.Ordinal))
        {
            return false;
        }

        string? prefix = detector.KeepPrefixes.FirstOrDefault(p => value.StartsWith(p, StringComparison.Ordinal));
        bool placeholder = detector.Generic ? Placeholders.IsGenericPlaceholder(value) : Placeholders.IsStrictPlaceholder(value, prefix);
        if (placeholder)
        {
            return false;
        }

        if (detector.MinEntropy > 0 && Validators.Entropy(value) < detector.MinEntropy)
        {
            return false;
        }

        return detector.Validator is null || detector.Validator(value);
    }

    private bool IsAllowed(string text, int start, string value)
    {
        foreach (Regex allow in _options.AllowPatterns)
        {
            if (allow.IsMatch(value))
            {
                return true;
            }
        }

        int lineStart = start == 0 ? 0 : text.LastIndexOf('\n', start - 1) + 1;
        int lineEnd = text.IndexOf('\n', start);
        if (lineEnd < 0)
        {
            lineEnd = text.Length;
        }

        return text.AsSpan(lineStart, lineEnd - lineStart).Contains(SecretScanOptions.InlineAllowMarker, StringComparison.OrdinalIgnoreCase);
    }

    private static List<SecretMatch> ResolveOverlaps(List<SecretMatch> candidates)
    {
        if (candidates.Count <= 1)
        {
            return candidates;
        }

        candidates.Sort((a, b) =>
        {
            int c = a.Detector.Priority.CompareTo(b.Detector.Priority);
            if (c != 0)
            {
                return c;
            }

            c = b.Length.CompareTo(a.Length);
            return c != 0 ? c : a.Start.CompareTo(b.Start);
        });

        // Kept sorted by start, so each candidate is checked against its two neighbours only.
        var accepted = new List<SecretMatch>(candidates.Count);
        var starts = new List<int>(candidates.Count);
        foreach (SecretMatch candidate in candidates)
        {
            int index = starts.BinarySearch(candidate.Start);
            if (index < 0)
            {
                index = ~index;
            }
            else
            {
                continue;
            }

            bool overlapsBefore = index > 0 && accepted[index - 1].End > candidate.Start;
            bool overlapsAfter = index < accepted.Count && accepted[index].Start < candidate.End;
            if (!overlapsBefore && !overlapsAfter)
            {
                accepted.Insert(index, candidate);
                starts.Insert(index, candidate.Start);
            }
        }

        return accepted;
    }
}
