using System.Buffers;

namespace Codex.Plugins.Sessions;

/// <summary>
/// Reads a rollout file line by line through one pooled buffer, so a year of rollouts streams through a fixed amount
/// of memory. Codex appends to a live session, so the last line may still be half written: it comes out with
/// <c>terminated</c> false, and the caller decides what an unfinished line means.
/// </summary>
public static class RolloutLineReader
{
    /// <summary>One line (without its newline), its 1-based number, and whether a newline ended it. False stops reading.</summary>
    public delegate bool LineHandler(ReadOnlySpan<byte> line, long lineNumber, bool terminated);

    private const int InitialBuffer = 1 << 20;

    // A line longer than this is not a rollout line Codex wrote; it is reported instead of growing memory without end.
    public const int MaxLineBytes = 64 << 20;

    /// <summary>Reads every line of the stream. Returns the number of lines; lines over <see cref="MaxLineBytes"/> come out empty and unterminated-aware callers see them as invalid.</summary>
    public static long ReadLines(Stream stream, LineHandler handler)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        try
        {
            int start = 0;
            int end = 0;
            long lineNumber = 0;
            bool skipping = false;
            while (true)
            {
                if (end == buffer.Length)
                {
                    if (start > 0)
                    {
                        Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                        end -= start;
                        start = 0;
                    }
                    else if (buffer.Length < MaxLineBytes)
                    {
                        byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxLineBytes));
                        Buffer.BlockCopy(buffer, 0, bigger, 0, end);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }
                    else
                    {
                        // Too long to be a line: drop what is buffered and everything up to the next newline.
                        if (!skipping)
                        {
                            lineNumber++;
                            if (!handler(ReadOnlySpan<byte>.Empty, lineNumber, false))
                            {
                                return lineNumber;
                            }
                        }

                        skipping = true;
                        start = end = 0;
                    }
                }

                int read = stream.Read(buffer, end, buffer.Length - end);
                if (read == 0)
                {
                    break;
                }

                int scanFrom = end;
                end += read;
                while (true)
                {
                    int newline = buffer.AsSpan(scanFrom, end - scanFrom).IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        break;
                    }

                    int lineEnd = scanFrom + newline;
                    if (skipping)
                    {
                        skipping = false;
                    }
                    else
                    {
                        lineNumber++;
                        int length = lineEnd - start;
                        if (length > 0 && buffer[lineEnd - 1] == (byte)'\r')
                        {
                            length--;
                        }

                        if (!handler(buffer.AsSpan(start, length), lineNumber, true))
                        {
                            return lineNumber;
                        }
                    }

                    start = lineEnd + 1;
                    scanFrom = start;
                }

                if (start == end)
                {
                    start = end = 0;
                }
            }

            if (end > start && !skipping)
            {
                lineNumber++;
                handler(buffer.AsSpan(start, end - start), lineNumber, false);
            }

            return lineNumber;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Opens a rollout for one sequential read, sharing it with the codex that may still be writing it.</summary>
    public static FileStream Open(string path, int bufferSize = 0) =>
        Configuration.RegularFile.OpenRead(path, bufferSize);
}
