using System.Buffers;
using System.Runtime.InteropServices;

namespace Codex.Plugins.Masking.Streaming;

/// <summary>
/// The strings and decode buffers the streaming scanner uses for its windows, kept for the next window and the next
/// stream. A window is over 85,000 bytes, so a fresh one each time lands on the large object heap, and every few
/// megabytes of those start a full collection: 100 MB of files made 380 MB of garbage and 17 to 31 full collections.
/// The patterns need a string, so a window string is written in place before each use; it is only read while its
/// window is scanned and handed back, and nothing keeps a reference to it after (matches copy their values out).
/// </summary>
internal static class WindowPool
{
    /// <summary>Enough for a few streams at once, each with a window per core in flight.</summary>
    private const int Kept = 8;

    private static readonly Stack<string> Strings = new();
    private static readonly Stack<ArrayBufferWriter<char>> Writers = new();

    public static string RentString(int capacity)
    {
        lock (Strings)
        {
            while (Strings.TryPop(out string? kept))
            {
                if (kept.Length == capacity)
                {
                    return kept;
                }
            }
        }

        return new string('\0', capacity);
    }

    public static void Return(string window)
    {
        lock (Strings)
        {
            if (Strings.Count < Kept)
            {
                Strings.Push(window);
            }
        }
    }

    /// <summary>The characters of a rented window string, to write the next window into.</summary>
    public static Span<char> Writable(string window) =>
        MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(window.AsSpan()), window.Length);

    public static ArrayBufferWriter<char> RentWriter(int capacity)
    {
        lock (Writers)
        {
            if (Writers.TryPop(out ArrayBufferWriter<char>? kept))
            {
                kept.ResetWrittenCount();
                return kept;
            }
        }

        return new ArrayBufferWriter<char>(capacity);
    }

    public static void Return(ArrayBufferWriter<char> writer)
    {
        // One that grew past a window (a stream with a long invalid run, say) is not kept.
        lock (Writers)
        {
            if (Writers.Count < Kept && writer.Capacity <= 1 << 20)
            {
                Writers.Push(writer);
            }
        }
    }
}
