using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Codex.Plugins.Masking.Detection;

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
        _keywordIndex = new KeywordIndex(_detectors);
        _patterns = _detectors.Select(d => d.CompiledPatternIfMade ?? d.Pattern).ToArray();
        _interpreted = new long[_detectors.Length];
    }

    /// <summary>
    /// Time a detector spends interpreted before its pattern is swapped for the compiled copy: about what compiling
    /// one costs (emitting it and its first JIT, 10 to 25 ms). Most detectors never get there: a provider token's
    /// pattern runs on the few hundred characters around each prefix, and over 100 MB of mixed files the interpreter
    /// spent under 30 ms on each, so compiling them (as a rule of 256 KB of text scanned did) cost more than it saved;
    /// the key = value and URL patterns, which try many positions, reach it within a few megabytes.
    /// </summary>
    private static readonly long CompileAfter = Stopwatch.Frequency / 40;

    private readonly Regex[] _patterns;
    private readonly long[] _interpreted;

    private readonly KeywordIndex _keywordIndex;

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

    /// <summary>
    /// True when this scanner finds exactly what <see cref="SecretText.Mask"/> finds (the same detectors, nothing
    /// allowed through), so a text's matches from this scanner are the ones free-text masking would hide.
    /// </summary>
    internal bool FindsWhatFreeTextMaskingFinds => _findsWhatFreeTextMaskingFinds ??=
        _options.AllowPatterns.Count == 0 && Select(SecretScanOptions.Secrets).SequenceEqual(_detectors, ReferenceEqualityComparer.Instance);

    private bool? _findsWhatFreeTextMaskingFinds;

    /// <summary>The secrets in the text, in order, none overlapping.</summary>
    public List<SecretMatch> Scan(string text) => Scan(text, text?.Length ?? 0);

    /// <summary>
    /// The secrets in the first <paramref name="length"/> characters of <paramref name="text"/> (what follows is not
    /// looked at, as if the text ended there): the streaming scanner reuses one string per window.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal List<SecretMatch> Scan(string text, int length)
    {
        var candidates = new List<SecretMatch>();
        if (length == 0)
        {
            return candidates;
        }

        // One pass finds every keyword of every detector at once.
        List<int>?[] hits = _keywordIndex.Find(text.AsSpan(0, length), length > KeywordIndex.RegionThreshold, forRegions: true);
        for (int d = 0; d < _detectors.Length; d++)
        {
            SecretDetector detector = _detectors[d];
            if (detector.Keywords.Count > 0 && hits[d] is null)
            {
                continue;
            }

            Regex pattern = _patterns[d];
            bool interpreted = (pattern.Options & RegexOptions.Compiled) == 0;
            long began = interpreted ? Stopwatch.GetTimestamp() : 0;
            foreach ((int regionStart, int regionLength) in KeywordIndex.Regions(length, hits[d], detector))
            {
                for (Match m = pattern.Match(text, regionStart, regionLength); m.Success; m = m.NextMatch())
                {
                    if (detector.MatchValidator is not null && !detector.MatchValidator(m))
                    {
                        continue;
                    }

                    if (detector.SpanSelector is not null)
                    {
                        foreach ((int spanStart, int spanLength) in detector.SpanSelector(m))
                        {
                            Consider(candidates, detector, text, length, spanStart, spanLength);
                        }

                        continue;
                    }

                    bool hexIsCredential = detector.NamesItsValue && SecretCandidate.NamesACredential(text, m.Groups["name"]);
                    Group secret = m.Groups["secret"];
                    if (secret.Success)
                    {
                        Consider(candidates, detector, text, length, secret.Index, secret.Length, hexIsCredential);
                    }
                    else
                    {
                        Consider(candidates, detector, text, length, m.Index, m.Length, hexIsCredential);
                    }
                }
            }

            if (interpreted && Interlocked.Add(ref _interpreted[d], Stopwatch.GetTimestamp() - began) > CompileAfter)
            {
                _patterns[d] = detector.CompiledPattern;
            }
        }

        return ResolveOverlaps(candidates);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Consider(List<SecretMatch> candidates, SecretDetector detector, string text, int textLength, int start, int length, bool hexIsCredential = false)
    {
        if (length <= 0)
        {
            return;
        }

        string value = text.Substring(start, length);
        if (SecretCandidate.IsRealSecret(detector, value, hexIsCredential) && !IsAllowed(text, textLength, start, value))
        {
            candidates.Add(new SecretMatch(detector, start, length, value));
        }
    }


    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsAllowed(string text, int textLength, int start, string value)
    {
        foreach (Regex allow in _options.AllowPatterns)
        {
            if (allow.IsMatch(value))
            {
                return true;
            }
        }

        int lineStart = start == 0 ? 0 : text.LastIndexOf('\n', start - 1) + 1;
        int lineEnd = text.IndexOf('\n', start, textLength - start);
        if (lineEnd < 0)
        {
            lineEnd = textLength;
        }

        return text.AsSpan(lineStart, lineEnd - lineStart).Contains(SecretScanOptions.InlineAllowMarker, StringComparison.OrdinalIgnoreCase);
    }

    // List.Sort is unstable: two detectors claiming the same span at the same priority must not be decided by where
    // their candidates happened to sit in the list (which changes with the text around them), so the catalog decides.
    private static readonly Dictionary<SecretDetector, int> CatalogIndex = DetectorCatalog.All
        .Select((detector, index) => (detector, index))
        .ToDictionary(p => p.detector, p => p.index, (IEqualityComparer<SecretDetector>)ReferenceEqualityComparer.Instance);

    private static int CatalogOrder(SecretDetector detector) => CatalogIndex.GetValueOrDefault(detector, int.MaxValue);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
            c = c != 0 ? c : a.Start.CompareTo(b.Start);
            return c != 0 ? c : CatalogOrder(a.Detector).CompareTo(CatalogOrder(b.Detector));
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
