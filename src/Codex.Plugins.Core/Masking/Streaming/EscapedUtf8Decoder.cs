using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Codex.Plugins.Masking.Streaming;

/// <summary>
/// UTF-8 decoding that never loses a byte: each byte of an invalid sequence becomes the lone surrogate U+DC00+byte
/// (Python's "surrogateescape"), which the detectors pass over like any other non-ASCII character, and which
/// <see cref="Encode"/> turns back into the very same byte. A masked copy of a file with invalid bytes differs from
/// the original only where a secret was.
/// </summary>
public sealed class EscapedUtf8Decoder
{
    private readonly byte[] _carry = new byte[4];
    private int _carryLength;

    /// <summary>How many bytes were not valid UTF-8 so far.</summary>
    public long InvalidBytes { get; private set; }

    /// <summary>Decodes <paramref name="bytes"/> (appending to <paramref name="output"/>); a sequence cut at the end waits for the next call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Decode(ReadOnlySpan<byte> bytes, bool final, ArrayBufferWriter<char> output)
    {
        if (_carryLength > 0)
        {
            byte[] joined = new byte[_carryLength + bytes.Length];
            _carry.AsSpan(0, _carryLength).CopyTo(joined);
            bytes.CopyTo(joined.AsSpan(_carryLength));
            _carryLength = 0;
            DecodeCore(joined, final, output);
            return;
        }

        DecodeCore(bytes, final, output);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DecodeCore(ReadOnlySpan<byte> bytes, bool final, ArrayBufferWriter<char> output)
    {
        while (!bytes.IsEmpty)
        {
            Span<char> destination = output.GetSpan(bytes.Length + 4);
            OperationStatus status = Utf8.ToUtf16(bytes, destination, out int read, out int written, replaceInvalidSequences: false, isFinalBlock: final);
            output.Advance(written);
            bytes = bytes[read..];
            switch (status)
            {
                case OperationStatus.Done:
                    return;
                case OperationStatus.DestinationTooSmall:
                    continue;
                case OperationStatus.NeedMoreData:
                    bytes.CopyTo(_carry);
                    _carryLength = bytes.Length;
                    return;
                default:
                    Rune.DecodeFromUtf8(bytes, out _, out int invalid);
                    invalid = Math.Max(1, invalid);
                    Span<char> escapes = output.GetSpan(invalid);
                    for (int i = 0; i < invalid; i++)
                    {
                        escapes[i] = (char)(0xDC00 + bytes[i]);
                    }

                    output.Advance(invalid);
                    InvalidBytes += invalid;
                    bytes = bytes[invalid..];
                    break;
            }
        }
    }

    /// <summary>Encodes text back to bytes: escaped bytes are written as they were, everything else as UTF-8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Encode(ReadOnlySpan<char> text, Stream output)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Min(text.Length, 1 << 16) * 3 + 8);
        try
        {
            while (!text.IsEmpty)
            {
                int escape = IndexOfEscape(text);
                ReadOnlySpan<char> run = escape < 0 ? text : text[..escape];
                while (!run.IsEmpty)
                {
                    int take = Math.Min(run.Length, 1 << 16);
                    if (take < run.Length && char.IsHighSurrogate(run[take - 1]))
                    {
                        take--;
                    }

                    int n = Encoding.UTF8.GetBytes(run[..take], buffer);
                    output.Write(buffer, 0, n);
                    run = run[take..];
                }

                if (escape < 0)
                {
                    return;
                }

                output.WriteByte((byte)(text[escape] - 0xDC00));
                text = text[(escape + 1)..];
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The index of the first escaped byte (a lone low surrogate in U+DC80..U+DCFF), or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int IndexOfEscape(ReadOnlySpan<char> text)
    {
        int offset = 0;
        while (true)
        {
            int i = text[offset..].IndexOfAnyInRange('\uDC00', '\uDCFF');
            if (i < 0)
            {
                return -1;
            }

            i += offset;
            if (i == 0 || !char.IsHighSurrogate(text[i - 1]))
            {
                return i;
            }

            offset = i + 1;
        }
    }
}
