using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    /// <remarks>
    /// The first stage is most of the cost (every character of every file passes through it): with AVX2 it tests eight
    /// positions at once (<see cref="FindVectorised"/>), about a fifth faster over the bench corpus than one at a time;
    /// the scalar loop does the rest. Only a position whose pair is in the bitmap goes on to <see cref="Candidates"/>.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public List<int>?[] Find(ReadOnlySpan<char> span, bool positions, bool forRegions = false)
    {
        // A detector's list takes a position while it holds no more than this many.
        int cap = !positions ? 0 : forRegions ? span.Length / HitsPerRegionScan : int.MaxValue;
        var hits = new List<int>?[_count];
        int last = span.Length - 1;
        if (last <= 0)
        {
            return hits;
        }

        ref char text = ref MemoryMarshal.GetReference(span);
        ref ulong pairBits = ref MemoryMarshal.GetArrayDataReference(_pairBits);
        int i = 0;
        if (Avx2.IsSupported && span.Length >= 9)
        {
            i = FindVectorised(span, cap, hits);
        }

        uint previous = Unsafe.Add(ref text, i);
        for (; i < last; i++)
        {
            // Most positions end here, on one test of a 2 KB bitmap of every keyword pair in both cases (a non-ASCII
            // character never is one): the 128 KB table of candidate lists is only read for a pair that is in it.
            uint next = Unsafe.Add(ref text, i + 1);
            uint key = (previous << 7) | next;
            uint either = previous | next;
            previous = next;
            if (either < 128 && (Unsafe.Add(ref pairBits, (int)(key >> 6)) & (1UL << (int)key)) != 0)
            {
                Candidates(span, i, key, cap, hits);
            }
        }

        return hits;
    }

    /// <summary>
    /// The first stage eight positions at a time (AVX2): the eight pair keys are made in one vector and their bits
    /// fetched from the bitmap with one gather, so only positions whose pair is in the bitmap leave the vector loop;
    /// the hits are those of the scalar loop. Returns where the scalar loop takes over (the last eight or so positions).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe int FindVectorised(ReadOnlySpan<char> span, int cap, List<int>?[] hits)
    {
        ref char text = ref MemoryMarshal.GetReference(span);
        Vector256<int> ascii = Vector256.Create(127);
        int i = 0;
        fixed (ulong* words = _pairBits)
        {
            int* bitmap = (int*)words;
            for (; i + 9 <= span.Length; i += 8)
            {
                Vector256<int> first = Avx2.ConvertToVector256Int32(Vector128.LoadUnsafe(ref Unsafe.As<char, ushort>(ref Unsafe.Add(ref text, i))));
                Vector256<int> second = Avx2.ConvertToVector256Int32(Vector128.LoadUnsafe(ref Unsafe.As<char, ushort>(ref Unsafe.Add(ref text, i + 1))));
                Vector256<int> key = Avx2.ShiftLeftLogical(first, 7) | second;
                // A pair with a non-ASCII character is none (its key is masked into range and its lane dropped).
                Vector256<int> inRange = Vector256.Equals(Vector256.Max(first, second) & ~ascii, Vector256<int>.Zero);
                Vector256<int> bit = Bit(bitmap, key) & Vector256.Create(1);
                uint lanes = (Vector256.Equals(bit, Vector256<int>.One) & inRange).ExtractMostSignificantBits();
                while (lanes != 0)
                {
                    int at = i + BitOperations.TrailingZeroCount(lanes);
                    lanes &= lanes - 1;
                    Candidates(span, at, ((uint)Unsafe.Add(ref text, at) << 7) | Unsafe.Add(ref text, at + 1), cap, hits);
                }
            }
        }

        return i;
    }

    /// <summary>Per lane, the bitmap's bit for the key in its lowest bit (a key out of range reads some bit: callers drop those lanes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<int> Bit(int* bitmap, Vector256<int> key) =>
        Avx2.ShiftRightLogicalVariable(Avx2.GatherVector256(bitmap, Avx2.ShiftRightLogical(key, 5) & Vector256.Create(511), 4).AsUInt32(), (key & Vector256.Create(31)).AsUInt32()).AsInt32();

    /// <summary>The keywords filed under the pair at <paramref name="i"/> (whose bitmap bit is set) that occur there.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Candidates(ReadOnlySpan<char> span, int i, uint key, int cap, List<int>?[] hits)
    {
        // Not the pair of a keyword filed alone, and what follows is no keyword's following pair: no keyword here.
        // (Near the end, or with a non-ASCII character next, the candidates are checked as they are.)
        int last = span.Length - 1;
        if (!Has(_unfollowedBits, key) && i + 3 <= last && span[i + 2] < 128 && span[i + 3] < 128
            && !Has(_followBits, ((uint)span[i + 2] << 7) | span[i + 3]))
        {
            return;
        }

        var candidates = _byPair[(Fold[span[i]] << 7) | Fold[span[i + 1]]];
        if (candidates is null)
        {
            return;
        }

        foreach ((char[] keyword, int offset, int detector) in candidates)
        {
            int start = i - offset;
            if (start >= 0 && start + keyword.Length <= span.Length && EqualsFolded(span.Slice(start, keyword.Length), keyword))
            {
                List<int> list = hits[detector] ??= new List<int>();
                if (list.Count <= cap)
                {
                    list.Add(start);
                }
            }
        }
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
