using System.Runtime.CompilerServices;

namespace Codex.Plugins.Masking.Detection;

/// <summary>
/// Every detector's keywords in one table keyed by a pair of adjacent characters (ASCII, case folded), so one pass
/// over the text finds the hits of all detectors without a lowered copy: a position whose two characters are no
/// keyword's pair costs two loads and a table lookup. Each keyword is filed under its rarest pair, not its first:
/// keywords such as pass, client, tenant or asia are made of common letters only, and filed by their first pair
/// (or by their rarest single character, searched with IndexOfAny) the search stopped at 7% (45%) of the
/// characters of logs, JSON and prose; by the rarest pair, at 4%, and the pass is several times faster.
/// </summary>
internal sealed class KeywordIndex
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
                // Filed by a pair that two more ASCII characters follow (the follow-up check below) where there is one.
                int offset = PairOffset(keyword, followed: true);
                bool followed = offset >= 0;
                offset = followed ? offset : PairOffset(keyword, followed: false);
                if (offset < 0)
                {
                    throw new InvalidOperationException($"Detector {detectors[d].Id}: a keyword needs two adjacent ASCII characters ('{keyword}').");
                }

                int key = (keyword[offset] << 7) | keyword[offset + 1];
                if (followed)
                {
                    MarkAllCases(_followBits, (keyword[offset + 2] << 7) | keyword[offset + 3]);
                }
                else
                {
                    MarkAllCases(_unfollowedBits, key);
                }

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

        // The bitmap holds each pair as the text may spell it: every mix of upper and lower case.
        for (int first = 0; first < 128; first++)
        {
            for (int second = 0; second < 128; second++)
            {
                if (_byPair[(Fold[first] << 7) | Fold[second]] is not null)
                {
                    int key = (first << 7) | second;
                    _pairBits[key >> 6] |= 1UL << key;
                }
            }
        }
    }

    private readonly ulong[] _pairBits = new ulong[128 * 128 / 64];

    // The second stage, on a position whose pair is in _pairBits: a keyword filed with two more ASCII characters after
    // its pair (most are) is only looked for when the next pair of the text is in _followBits (every such keyword's
    // pair after its filing pair, in every case); the few filed with nothing after (sk, 0x, aws) by their pair alone.
    // A pair of random letters is a keyword's filing pair about once in twenty positions, and is one followed by a
    // following pair a few hundred times less often, so most positions never reach the 128 KB table of candidates.
    private readonly ulong[] _unfollowedBits = new ulong[128 * 128 / 64];
    private readonly ulong[] _followBits = new ulong[128 * 128 / 64];

    /// <summary>Sets the bit of the lower-case pair <paramref name="key"/> in every mix of upper and lower case.</summary>
    private static void MarkAllCases(ulong[] bits, int key)
    {
        for (int first = 0; first < 128; first++)
        {
            for (int second = 0; second < 128; second++)
            {
                if (((Fold[first] << 7) | Fold[second]) == key)
                {
                    int cased = (first << 7) | second;
                    bits[cased >> 6] |= 1UL << cased;
                }
            }
        }
    }

    private static bool Has(ReadOnlySpan<ulong> bits, uint key) => (bits[(int)(key >> 6)] & (1UL << (int)key)) != 0;

    /// <summary>
    /// Where the keyword's rarest pair of adjacent ASCII characters starts (-1 when it has none); with
    /// <paramref name="followed"/>, only a pair that two ASCII characters of the keyword follow.
    /// </summary>
    private static int PairOffset(string keyword, bool followed)
    {
        int best = -1;
        long bestScore = -1;
        for (int k = 0; k + 1 < keyword.Length; k++)
        {
            if (keyword[k] >= 128 || keyword[k + 1] >= 128)
            {
                continue;
            }

            if (followed && (k + 3 >= keyword.Length || keyword[k + 2] >= 128 || keyword[k + 3] >= 128))
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

    /// <summary>
    /// Per detector: null when none of its keywords occurs, else its hits (all positions only when <paramref
    /// name="positions"/>; with <paramref name="forRegions"/>, only up to one more than <see cref="Regions"/> takes
    /// before it scans the whole text instead, which it then does all the same: thousands of "token" in a long
    /// document were collected, one list growth after another, to be dropped).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public List<int>?[] Find(ReadOnlySpan<char> span, bool positions, bool forRegions = false)
    {
        var hits = new List<int>?[_count];
        int cap = forRegions ? span.Length / HitsPerRegionScan : int.MaxValue;
        ReadOnlySpan<byte> fold = Fold;
        ReadOnlySpan<ulong> pairBits = _pairBits;
        ReadOnlySpan<ulong> unfollowed = _unfollowedBits;
        ReadOnlySpan<ulong> follow = _followBits;
        (char[] Keyword, int Offset, int Detector)[]?[] byPair = _byPair;
        int last = span.Length - 1;
        for (int i = 0; i < last; i++)
        {
            // Most positions end here, on one test of a 2 KB bitmap of every keyword pair in both cases (a non-ASCII
            // character never is one): the 128 KB table of candidate lists is only read for a pair that is in it.
            uint key = ((uint)span[i] << 7) | span[i + 1];
            if (key >= 128 * 128 || (pairBits[(int)(key >> 6)] & (1UL << (int)key)) == 0 || span[i + 1] >= 128)
            {
                continue;
            }

            // Not the pair of a keyword filed alone, and what follows is no keyword's following pair: no keyword here.
            // (Near the end, or with a non-ASCII character next, the candidates are checked as they are.)
            if (!Has(unfollowed, key) && i + 3 <= last && span[i + 2] < 128 && span[i + 3] < 128
                && !Has(follow, ((uint)span[i + 2] << 7) | span[i + 3]))
            {
                continue;
            }

            var candidates = byPair[(fold[span[i]] << 7) | fold[span[i + 1]]];
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
                    if (list.Count == 0 || (positions && list.Count <= cap))
                    {
                        list.Add(start);
                    }
                }
            }
        }

        return hits;
    }

    /// <summary>The text equals the lowered keyword, ignoring case.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    public const int RegionThreshold = 8192;

    /// <summary>More hits than one per this many characters: the whole text is scanned instead of regions.</summary>
    private const int HitsPerRegionScan = 64;

    /// <summary>
    /// Where the pattern runs: the whole text when it is short or the detector has no keywords; otherwise the merged
    /// reach around each keyword hit (a vectorised search), so a window with three GitHub tokens costs three small scans.
    /// </summary>
    public static IEnumerable<(int Start, int Length)> Regions(int textLength, List<int>? hits, SecretDetector detector)
    {
        if (detector.Keywords.Count == 0 || textLength <= RegionThreshold || hits is null || hits.Count > textLength / HitsPerRegionScan)
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
}
