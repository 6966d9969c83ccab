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

    /// <summary>
    /// The secrets a detector knows by their own shape (a provider's prefix and length, a key block, a JWT) with high
    /// confidence; none of the detectors that know a secret by the words around it (URLs, connection strings, headers,
    /// command flags, key = value: priority <see cref="ContextPriority"/> and above in the catalog, or generic). For
    /// text that talks about credentials rather than holds them (documentation): there the words around are examples
    /// (<c>--token &lt;token&gt;</c>, <c>password = input.value</c>), while a real key still has its shape. Also cheap on
    /// prose, whose common words (token, key, password) are the context detectors' keywords.
    /// </summary>
    public static SecretScanOptions ProviderShapedSecrets { get; } = new()
    {
        Rules = DetectorCatalog.All
            .Where(d => d.Category == DetectorCategory.Secret && !d.Generic && d.Confidence == FindingConfidence.High && d.Priority < ContextPriority)
            .Select(d => d.Id)
            .ToArray(),
    };

    /// <summary>The catalog's priority for detectors that find a secret by its context (they lose overlaps to shapes).</summary>
    public const int ContextPriority = 60;
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
        _keywordIndex = new KeywordIndex(_detectors);
        _patterns = _detectors.Select(d => d.Pattern).ToArray();
        _scanned = new long[_detectors.Length];
    }

    /// <summary>Text a detector's pattern runs over, interpreted, before it is swapped for its compiled copy.</summary>
    private const long CompileAfter = 256 * 1024;

    private readonly Regex[] _patterns;
    private readonly long[] _scanned;

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

    /// <summary>The secrets in the text, in order, none overlapping.</summary>
    public List<SecretMatch> Scan(string text)
    {
        var candidates = new List<SecretMatch>();
        if (string.IsNullOrEmpty(text))
        {
            return candidates;
        }

        // One pass finds every keyword of every detector at once.
        List<int>?[] hits = _keywordIndex.Find(text, text.Length > RegionThreshold);
        for (int d = 0; d < _detectors.Length; d++)
        {
            SecretDetector detector = _detectors[d];
            if (detector.Keywords.Count > 0 && hits[d] is null)
            {
                continue;
            }

            Regex pattern = _patterns[d];
            long covered = 0;
            foreach ((int start, int length) in Regions(text.Length, hits[d], detector))
            {
                covered += length;
                for (Match m = pattern.Match(text, start, length); m.Success; m = m.NextMatch())
                {
                    if (detector.MatchValidator is not null && !detector.MatchValidator(m))
                    {
                        continue;
                    }

                    if (detector.SpanSelector is not null)
                    {
                        foreach ((int spanStart, int spanLength) in detector.SpanSelector(m))
                        {
                            Consider(candidates, detector, text, spanStart, spanLength);
                        }

                        continue;
                    }

                    bool hexIsCredential = detector.NamesItsValue && NamesACredential(text, m.Groups["name"]);
                    Group secret = m.Groups["secret"];
                    if (secret.Success)
                    {
                        Consider(candidates, detector, text, secret.Index, secret.Length, hexIsCredential);
                    }
                    else
                    {
                        Consider(candidates, detector, text, m.Index, m.Length, hexIsCredential);
                    }
                }
            }

            if ((pattern.Options & RegexOptions.Compiled) == 0 && covered > 0 && Interlocked.Add(ref _scanned[d], covered) > CompileAfter)
            {
                _patterns[d] = detector.CompiledPattern;
            }
        }

        return ResolveOverlaps(candidates);
    }

    private const int RegionThreshold = 8192;

    /// <summary>
    /// Where the pattern runs: the whole text when it is short or the detector has no keywords; otherwise the merged
    /// reach around each keyword hit (a vectorised search), so a window with three GitHub tokens costs three small scans.
    /// </summary>
    private static IEnumerable<(int Start, int Length)> Regions(int textLength, List<int>? hits, SecretDetector detector)
    {
        if (detector.Keywords.Count == 0 || textLength <= RegionThreshold || hits is null || hits.Count > textLength / 64)
        {
            // Short text, no keywords, or hits everywhere: one scan of the whole text is the cheapest.
            yield return (0, textLength);
            yield break;
        }

        hits.Sort();
        int regionStart = -1, regionEnd = -1;
        foreach (int hit in hits)
        {
            int from = Math.Max(0, hit - detector.Reach.Before);
            int to = Math.Min(textLength, hit + detector.Reach.After);
            if (regionStart >= 0 && from <= regionEnd)
            {
                regionEnd = Math.Max(regionEnd, to);
                continue;
            }

            if (regionStart >= 0)
            {
                yield return (regionStart, regionEnd - regionStart);
            }

            regionStart = from;
            regionEnd = to;
        }

        if (regionStart >= 0)
        {
            yield return (regionStart, regionEnd - regionStart);
        }
    }

    /// <summary>
    /// Every detector's keywords in one table keyed by a pair of adjacent characters (ASCII, case folded), so one pass
    /// over the text finds the hits of all detectors without a lowered copy: a position whose two characters are no
    /// keyword's pair costs two loads and a table lookup. Each keyword is filed under its rarest pair, not its first:
    /// keywords such as pass, client, tenant or asia are made of common letters only, and filed by their first pair
    /// (or by their rarest single character, searched with IndexOfAny) the search stopped at 7% (45%) of the
    /// characters of logs, JSON and prose; by the rarest pair, at 4%, and the pass is several times faster.
    /// </summary>
    private sealed class KeywordIndex
    {
        // Characters from the most to the least frequent in prose, code, logs and JSON (rough, ASCII, case folded);
        // one missing from the list counts as rarer than all of them.
        private const string CommonFirst = " etaoinsrhldcu\n\"mfpgw,y.b/:-_=0v12\t{}()3[]4'5;>6<789kx#jq@*z+&?!$%|\\~^`";

        private static readonly byte[] Fold = BuildFold();
        private readonly (char[] Keyword, int Offset, int Detector)[]?[] _byPair = new (char[], int, int)[]?[128 * 128];
        private readonly int _count;

        public KeywordIndex(IReadOnlyList<SecretDetector> detectors)
        {
            _count = detectors.Count;
            var lists = new Dictionary<int, List<(char[], int, int)>>();
            for (int d = 0; d < detectors.Count; d++)
            {
                foreach (string keyword in detectors[d].LowerKeywords)
                {
                    int offset = PairOffset(keyword);
                    if (offset < 0)
                    {
                        throw new InvalidOperationException($"Detector {detectors[d].Id}: a keyword needs two adjacent ASCII characters ('{keyword}').");
                    }

                    int key = (keyword[offset] << 7) | keyword[offset + 1];
                    if (!lists.TryGetValue(key, out var list))
                    {
                        lists[key] = list = new List<(char[], int, int)>();
                    }

                    list.Add((keyword.ToCharArray(), offset, d));
                }
            }

            foreach (var pair in lists)
            {
                _byPair[pair.Key] = pair.Value.ToArray();
            }
        }

        /// <summary>Where the keyword's rarest pair of adjacent ASCII characters starts (-1 when it has none).</summary>
        private static int PairOffset(string keyword)
        {
            int best = -1;
            long bestScore = -1;
            for (int k = 0; k + 1 < keyword.Length; k++)
            {
                if (keyword[k] >= 128 || keyword[k + 1] >= 128)
                {
                    continue;
                }

                // A character's rank stands in for its rarity; a pair is as rare as the product of its two.
                long score = (long)(Rank(keyword[k]) + 1) * (Rank(keyword[k + 1]) + 1);
                if (score > bestScore)
                {
                    best = k;
                    bestScore = score;
                }
            }

            return best;
        }

        private static int Rank(char c)
        {
            int rank = CommonFirst.IndexOf(c);
            return rank < 0 ? CommonFirst.Length : rank;
        }

        private static byte[] BuildFold()
        {
            var fold = new byte[128];
            for (int c = 0; c < 128; c++)
            {
                fold[c] = (byte)(c is >= 'A' and <= 'Z' ? c + 32 : c);
            }

            return fold;
        }

        /// <summary>Per detector: null when none of its keywords occurs, else its hits (all positions only when <paramref name="positions"/>).</summary>
        public List<int>?[] Find(string text, bool positions)
        {
            var hits = new List<int>?[_count];
            ReadOnlySpan<char> span = text;
            ReadOnlySpan<byte> fold = Fold;
            (char[] Keyword, int Offset, int Detector)[]?[] byPair = _byPair;
            int last = span.Length - 1;
            for (int i = 0; i < last; i++)
            {
                int a = span[i], b = span[i + 1];
                if ((a | b) >= 128)
                {
                    continue;
                }

                var candidates = byPair[(fold[a] << 7) | fold[b]];
                if (candidates is null)
                {
                    continue;
                }

                foreach ((char[] keyword, int offset, int detector) in candidates)
                {
                    int start = i - offset;
                    if (start >= 0 && start + keyword.Length <= span.Length && EqualsFolded(span.Slice(start, keyword.Length), keyword))
                    {
                        List<int> list = hits[detector] ??= new List<int>();
                        if (positions || list.Count == 0)
                        {
                            list.Add(start);
                        }
                    }
                }
            }

            return hits;
        }

        /// <summary>The text equals the lowered keyword, ignoring case.</summary>
        private static bool EqualsFolded(ReadOnlySpan<char> text, char[] keyword)
        {
            for (int k = 0; k < keyword.Length; k++)
            {
                char c = text[k];
                char expected = keyword[k];
                if (c != expected && (c is >= 'A' and <= 'Z' ? (char)(c + 32) : c < 128 ? c : char.ToLowerInvariant(c)) != expected)
                {
                    return false;
                }
            }

            return true;
        }
    }

    private void Consider(List<SecretMatch> candidates, SecretDetector detector, string text, int start, int length, bool hexIsCredential = false)
    {
        if (length <= 0)
        {
            return;
        }

        string value = text.Substring(start, length);
        if (IsRealSecret(detector, value, hexIsCredential) && !IsAllowed(text, start, value))
        {
            candidates.Add(new SecretMatch(detector, start, length, value));
        }
    }

    private static readonly string[] DigestWords = { "sha", "hash", "commit", "digest", "checksum", "integrity", "etag", "rev", "fingerprint", "uuid", "guid" };

    /// <summary>The key (the whole identifier around the matched name: commit_token, not token) names a credential, not a digest.</summary>
    private static bool NamesACredential(string text, Group name)
    {
        if (!name.Success)
        {
            return false;
        }

        int from = name.Index;
        while (from > 0 && name.Index - from < 64 && (char.IsAsciiLetterOrDigit(text[from - 1]) || text[from - 1] is '_' or '-' or '.'))
        {
            from--;
        }

        ReadOnlySpan<char> key = text.AsSpan(from, name.Index + name.Length - from);
        foreach (string word in DigestWords)
        {
            if (key.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every provider's owned prefixes (see <see cref="SecretDetector.OwnedPrefixes"/>), with the detector owning each.</summary>
    private static readonly (string Prefix, SecretDetector Owner)[] OwnedPrefixes = DetectorCatalog.All
        .SelectMany(d => d.OwnedPrefixes.Select(p => (p, d)))
        .ToArray();

    /// <summary>A context or catch-all detector's candidate that starts with a prefix another detector owns (and so rejected).</summary>
    private static bool BelongsToAnotherDetector(SecretDetector detector, string value)
    {
        if (!detector.Generic && detector.Priority < SecretScanOptions.ContextPriority)
        {
            return false;
        }

        foreach ((string prefix, SecretDetector owner) in OwnedPrefixes)
        {
            if (!ReferenceEquals(owner, detector) && value.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The checks a candidate value must pass for this detector (stopwords, placeholders, entropy, validator).</summary>
    public static bool IsRealSecret(SecretDetector detector, string value) => IsRealSecret(detector, value, hexIsCredential: false);

    /// <summary>The checks, with <paramref name="hexIsCredential"/> when the key the value is assigned to names a credential.</summary>
    public static bool IsRealSecret(SecretDetector detector, string value, bool hexIsCredential)
    {
        if (BelongsToAnotherDetector(detector, value))
        {
            return false;
        }

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
        bool placeholder = detector.Generic ? Placeholders.IsGenericPlaceholder(value, hexIsCredential) : Placeholders.IsStrictPlaceholder(value, prefix);
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
