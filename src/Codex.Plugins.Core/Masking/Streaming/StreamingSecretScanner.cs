using System.Buffers;
using System.Runtime.CompilerServices;
using Codex.Plugins.Masking.Detection;
using Codex.Plugins.Masking.Operators;

namespace Codex.Plugins.Masking.Streaming;

/// <summary>
/// Scans (and optionally masks) a stream through a bounded window: the text is decoded in windows of about a quarter of a
/// million characters; matches that start in the last <see cref="Overlap"/> characters of a window are left for the next one,
/// which starts a little before the committed point so a secret cut by the window edge is seen whole. Memory stays the
/// same whatever the input's size (a 2 GB single line included). The first bytes decide whether the input is binary
/// (a NUL byte, as git decides), in which case nothing is written and the summary says so.
/// </summary>
public sealed class StreamingSecretScanner
{
    /// <summary>
    /// A quarter of a million characters: each window is decoded into a buffer and copied into a string for the
    /// patterns, so the window sets the large-object churn between collections. At a million characters a 1 GB file
    /// peaked 45 MB higher than at this size (the working set of a whole pwsh then passed 200 MB), while the time spent
    /// scanning stayed the same; the overlap rescanned per window (<see cref="Overlap"/>) is an eighth of it.
    /// </summary>
    public const int DefaultWindow = 1 << 18;

    /// <summary>Longer than any secret the detectors match (a PEM block is capped at 16,000 characters).</summary>
    public const int Overlap = 1 << 15;

    private const int Context = 1 << 10;
    private const int PreviewReach = 48;
    private readonly SecretScanner _scanner;
    private readonly int _window;

    public StreamingSecretScanner(SecretScanner scanner, int window = DefaultWindow)
    {
        _scanner = scanner;
        _window = Math.Max(window, Overlap * 2);
    }

    /// <summary>
    /// Reads <paramref name="input"/> to the end, calling <paramref name="onFinding"/> for each secret in order; when
    /// <paramref name="maskedOutput"/> is given, writes the input there with every secret replaced by <paramref name="masker"/>.
    /// </summary>
    /// <remarks>
    /// Where each window starts depends only on where the one before started and how long it was (its commit point less
    /// <see cref="Context"/>), never on what was found in it, so the next windows are decoded and scanned on other cores
    /// while this thread hands the findings and the masked text back in order. Up to <see cref="WindowsAhead"/> windows
    /// are in flight, which bounds memory; the callbacks, the masker and the output are only ever used from this thread.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public StreamScanSummary Run(Stream input, Action<StreamFinding>? onFinding, SecretMasker previewMasker, Stream? maskedOutput = null, SecretMasker? masker = null, CancellationToken cancel = default)
    {
        var decoder = new EscapedUtf8Decoder();
        ArrayBufferWriter<char> pending = WindowPool.RentWriter(_window + Overlap);
        var inFlight = new Queue<ScannedWindow>();
        var position = new Committed();
        bool othersFromWindow = onFinding is not null && _scanner.FindsWhatFreeTextMaskingFinds;
        byte[] read = ArrayPool<byte>.Shared.Rent(ReadSize);
        long bytes = 0, windowStart = 0, windowsRead = 0;
        bool eof = false, first = true;
        try
        {
            while (!eof)
            {
                while (!eof && pending.WrittenCount < _window)
                {
                    cancel.ThrowIfCancellationRequested();
                    int n = input.Read(read, 0, ReadSize);
                    if (first && n > 0)
                    {
                        first = false;
                        if (read.AsSpan(0, Math.Min(n, 8000)).Contains((byte)0))
                        {
                            return new StreamScanSummary(n, 0, 0, Binary: true);
                        }
                    }

                    eof = n == 0;
                    bytes += n;
                    decoder.Decode(read.AsSpan(0, n), eof, pending);
                }

                int length = pending.WrittenCount;
                bool pooled = length > WindowCapacity / 4;
                string text = pooled ? WindowPool.RentString(WindowCapacity) : new string(pending.WrittenSpan);
                if (pooled)
                {
                    pending.WrittenSpan.CopyTo(WindowPool.Writable(text));
                }

                var window = new ScannedWindow(text, length, pooled, windowStart, eof, new ClaimableJob<List<SecretMatch>>(() => _scanner.Scan(text, length)));
                inFlight.Enqueue(window);
                if (eof)
                {
                    break;
                }

                // Only a window with more behind it is worth a pool thread; the last (often the only) one runs here.
                window.Scan.Offer();
                int keepFrom = Math.Max(0, length - Overlap - Context);
                pending.ResetWrittenCount();
                text.AsSpan(keepFrom, length - keepFrom).CopyTo(pending.GetSpan(length - keepFrom));
                pending.Advance(length - keepFrom);
                windowStart += keepFrom;
                while (inFlight.Count > WindowsAhead)
                {
                    Commit(inFlight.Dequeue(), position, onFinding, previewMasker, maskedOutput, masker, othersFromWindow);
                }

                if (++windowsRead % CollectEveryWindows == 0)
                {
                    GC.Collect(0, GCCollectionMode.Forced, blocking: true);
                }
            }

            while (inFlight.Count > 0)
            {
                cancel.ThrowIfCancellationRequested();
                Commit(inFlight.Dequeue(), position, onFinding, previewMasker, maskedOutput, masker, othersFromWindow);
            }

            return new StreamScanSummary(bytes, decoder.InvalidBytes, position.Findings, Binary: false);
        }
        finally
        {
            while (inFlight.Count > 0)
            {
                ScannedWindow abandoned = inFlight.Dequeue();
                abandoned.Scan.Abandon();
                abandoned.Release();
            }

            ArrayPool<byte>.Shared.Return(read);
            WindowPool.Return(pending);
        }
    }

    /// <summary>Windows scanned ahead of the one being handed back: one per core (at most four), none on one core.</summary>
    private static readonly int WindowsAhead = Math.Clamp(Environment.ProcessorCount, 1, 4) - 1;

    /// <summary>What a window string holds at most: a window and what one read can decode past it.</summary>
    private int WindowCapacity => _window + ReadSize + 8;

    private const int ReadSize = 1 << 17;

    /// <summary>
    /// A young-generation collection every eight windows (two million characters). Each window leaves only garbage
    /// behind, but the runtime sizes the young generation from the CPU's cache (72 MB of it on the 2-core bench machine),
    /// so a long scan let that much pile up before a collection: a 300 MB file peaked at 205-220 MB of working set for
    /// the whole pwsh, over issue 13's 200 MB for 1 GB. Collecting every eight windows: 129-130 MB, with no more time or
    /// CPU (151 collections of almost nothing; every 32 windows: 150 MB). Only inputs over two million characters pay it.
    /// </summary>
    private const int CollectEveryWindows = 8;

    /// <summary>
    /// A window of text (the first <see cref="Length"/> characters of <see cref="Text"/>, a pooled string when it is
    /// large), where it starts in the stream, and its scan (running, done or not yet started).
    /// </summary>
    private sealed record ScannedWindow(string Text, int Length, bool Pooled, long Start, bool Final, ClaimableJob<List<SecretMatch>> Scan)
    {
        public void Release()
        {
            if (Pooled)
            {
                WindowPool.Return(Text);
            }
        }
    }

    /// <summary>How far the stream has been handed back: text written, lines counted, findings reported.</summary>
    private sealed class Committed
    {
        public long Emitted, Counted, Line = 1, LineStart;
        public int Findings;
    }

    /// <summary>
    /// Hands back one window: its matches that start before its commit point (the end of the stream for the last one) and
    /// at or after what was already written, in order; then the text up to the commit point.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Commit(ScannedWindow window, Committed at, Action<StreamFinding>? onFinding, SecretMasker previewMasker, Stream? maskedOutput, SecretMasker? masker, bool othersFromWindow)
    {
        string text = window.Text;
        int length = window.Length;
        long windowStart = window.Start;
        int commitLimit = window.Final ? length : length - Overlap;
        List<SecretMatch> matches = window.Scan.Join();
        for (int index = 0; index < matches.Count; index++)
        {
            SecretMatch match = matches[index];
            long absolute = windowStart + match.Start;
            if (absolute < at.Emitted)
            {
                continue;
            }

            if (match.Start >= commitLimit)
            {
                break;
            }

            CountLines(text, windowStart, ref at.Counted, absolute, ref at.Line, ref at.LineStart);
            if (maskedOutput is not null)
            {
                EscapedUtf8Decoder.Encode(text.AsSpan((int)(at.Emitted - windowStart), (int)(absolute - at.Emitted)), maskedOutput);
                EscapedUtf8Decoder.Encode((masker ?? previewMasker).Replacement(match.Detector, match.Value), maskedOutput);
            }

            at.Emitted = absolute + match.Length;
            at.Findings++;
            onFinding?.Invoke(new StreamFinding(match, absolute, at.Line, absolute - at.LineStart + 1, Preview(text, length, matches, index, previewMasker, othersFromWindow)));
        }

        long commitAbsolute = windowStart + commitLimit;
        if (at.Emitted < commitAbsolute)
        {
            if (maskedOutput is not null)
            {
                EscapedUtf8Decoder.Encode(text.AsSpan((int)(at.Emitted - windowStart), (int)(commitAbsolute - at.Emitted)), maskedOutput);
            }

            at.Emitted = commitAbsolute;
        }

        // The next window starts Context before this one's commit point, so it can still count from here.
        CountLines(text, windowStart, ref at.Counted, at.Emitted, ref at.Line, ref at.LineStart);
        window.Release();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CountLines(string text, long windowStart, ref long counted, long upTo, ref long line, ref long lineStart)
    {
        if (upTo <= counted)
        {
            return;
        }

        ReadOnlySpan<char> span = text.AsSpan((int)(counted - windowStart), (int)(upTo - counted));
        int newlines = span.Count('\n');
        if (newlines > 0)
        {
            line += newlines;
            lineStart = counted + span.LastIndexOf('\n') + 1;
        }

        counted = upTo;
    }

    /// <summary>The secret's surroundings on its line, widened to whole tokens, with the secret and any other secret masked.</summary>
    /// <remarks>
    /// The other secrets are the window's own matches when the scanner finds what free-text masking finds (the default
    /// search): two scans of short strings per finding cost more than the window's scan itself on a file full of
    /// secrets. Otherwise the surroundings go through <see cref="SecretText.Mask"/>.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string Preview(string text, int length, List<SecretMatch> matches, int index, SecretMasker masker, bool othersFromWindow)
    {
        SecretMatch match = matches[index];
        int from = match.Start, to = match.End;
        int stop = Math.Max(0, match.Start - PreviewReach);
        while (from > stop && text[from - 1] is not ('\n' or '\r'))
        {
            from--;
        }

        while (from > 0 && from > match.Start - 200 && !char.IsWhiteSpace(text[from - 1]))
        {
            from--;
        }

        int stopRight = Math.Min(length, match.End + PreviewReach);
        while (to < stopRight && text[to] is not ('\n' or '\r'))
        {
            to++;
        }

        while (to < length && to < match.End + 200 && !char.IsWhiteSpace(text[to]))
        {
            to++;
        }

        string before = othersFromWindow ? MaskOthers(text, from, match.Start, matches, index, -1) : SecretText.Mask(text[from..match.Start]);
        string after = othersFromWindow ? MaskOthers(text, match.End, to, matches, index, +1) : SecretText.Mask(text[match.End..to]);
        string preview = before + masker.Replacement(match.Detector, match.Value) + after;
        return preview.Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ').Trim();
    }

    /// <summary>
    /// The text from <paramref name="from"/> to <paramref name="to"/> with the parts of the window's other matches in
    /// it (those before or after match <paramref name="index"/>, as <paramref name="direction"/> says) replaced by
    /// <see cref="SecretMask.Mask"/>, as <see cref="SecretText.Mask"/> would.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string MaskOthers(string text, int from, int to, List<SecretMatch> matches, int index, int direction)
    {
        var spans = new List<(int Start, int End)>();
        for (int j = index + direction; j >= 0 && j < matches.Count; j += direction)
        {
            SecretMatch other = matches[j];
            if (direction < 0 ? other.End <= from : other.Start >= to)
            {
                break;
            }

            spans.Add((Math.Max(from, other.Start), Math.Min(to, other.End)));
        }

        if (spans.Count == 0)
        {
            return text[from..to];
        }

        spans.Sort();
        var masked = new System.Text.StringBuilder(to - from);
        int position = from;
        foreach ((int start, int end) in spans)
        {
            masked.Append(text, position, start - position).Append(SecretMask.Mask);
            position = end;
        }

        return masked.Append(text, position, to - position).ToString();
    }
}
