using System.Buffers;
using Codex.Plugins.Masking.Detection;
using Codex.Plugins.Masking.Operators;

namespace Codex.Plugins.Masking.Streaming;

/// <summary>One secret found in a stream, with its position as a reader counts it (1-based line and column).</summary>
public readonly record struct StreamFinding(SecretMatch Match, long Offset, long Line, long Column, string MaskedPreview);

/// <summary>What one pass over a stream saw.</summary>
public sealed record StreamScanSummary(long Bytes, long InvalidBytes, int Findings, bool Binary);

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
    public StreamScanSummary Run(Stream input, Action<StreamFinding>? onFinding, SecretMasker previewMasker, Stream? maskedOutput = null, SecretMasker? masker = null, CancellationToken cancel = default)
    {
        var decoder = new EscapedUtf8Decoder();
        var pending = new ArrayBufferWriter<char>(_window + Overlap);
        byte[] read = ArrayPool<byte>.Shared.Rent(1 << 17);
        long bytes = 0, windowStart = 0, emitted = 0, counted = 0, line = 1, lineStart = 0;
        int findings = 0;
        bool eof = false, first = true;
        try
        {
            while (true)
            {
                while (!eof && pending.WrittenCount < _window)
                {
                    cancel.ThrowIfCancellationRequested();
                    int n = input.Read(read, 0, read.Length);
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

                string text = new(pending.WrittenSpan);
                int commitLimit = eof ? text.Length : text.Length - Overlap;
                foreach (SecretMatch match in _scanner.Scan(text))
                {
                    long absolute = windowStart + match.Start;
                    if (absolute < emitted)
                    {
                        continue;
                    }

                    if (match.Start >= commitLimit)
                    {
                        break;
                    }

                    CountLines(text, windowStart, ref counted, absolute, ref line, ref lineStart);
                    if (maskedOutput is not null)
                    {
                        EscapedUtf8Decoder.Encode(text.AsSpan((int)(emitted - windowStart), (int)(absolute - emitted)), maskedOutput);
                        EscapedUtf8Decoder.Encode((masker ?? previewMasker).Replacement(match.Detector, match.Value), maskedOutput);
                    }

                    emitted = absolute + match.Length;
                    findings++;
                    onFinding?.Invoke(new StreamFinding(match, absolute, line, absolute - lineStart + 1, Preview(text, match, previewMasker)));
                }

                long commitAbsolute = windowStart + commitLimit;
                if (emitted < commitAbsolute)
                {
                    if (maskedOutput is not null)
                    {
                        EscapedUtf8Decoder.Encode(text.AsSpan((int)(emitted - windowStart), (int)(commitAbsolute - emitted)), maskedOutput);
                    }

                    emitted = commitAbsolute;
                }

                if (eof)
                {
                    return new StreamScanSummary(bytes, decoder.InvalidBytes, findings, Binary: false);
                }

                CountLines(text, windowStart, ref counted, emitted, ref line, ref lineStart);
                int keepFrom = (int)Math.Clamp(emitted - windowStart - Context, 0, text.Length);
                pending.Clear();
                text.AsSpan(keepFrom).CopyTo(pending.GetSpan(text.Length - keepFrom));
                pending.Advance(text.Length - keepFrom);
                windowStart += keepFrom;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(read);
        }
    }

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
    private static string Preview(string text, SecretMatch match, SecretMasker masker)
    {
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

        int stopRight = Math.Min(text.Length, match.End + PreviewReach);
        while (to < stopRight && text[to] is not ('\n' or '\r'))
        {
            to++;
        }

        while (to < text.Length && to < match.End + 200 && !char.IsWhiteSpace(text[to]))
        {
            to++;
        }

        string before = SecretText.Mask(text[from..match.Start]);
        string after = SecretText.Mask(text[match.End..to]);
        string preview = before + masker.Replacement(match.Detector, match.Value) + after;
        return preview.Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ').Trim();
    }
}
