using System.Text;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>One hook's stdout and stderr on their way to the log, assembled into whole lines.</summary>
public sealed class HookOutputStream
{
    private readonly HookOutputLog log;
    private readonly string hookKey;
    private readonly Pending stdout = new("stdout");
    private readonly Pending stderr = new("stderr");

    internal HookOutputStream(HookOutputLog log, string hookKey)
    {
        this.log = log;
        this.hookKey = hookKey;
    }

    /// <summary>Bytes the run's budget kept, as read from the hook's pipe.</summary>
    internal void Write(bool isStderr, byte[] buffer, int count)
    {
        Pending p = isStderr ? stderr : stdout;
        lock (p)
        {
            p.Bytes.Write(buffer, 0, count);
            byte[] all = p.Bytes.GetBuffer();
            int length = (int)p.Bytes.Length;
            int end = Array.LastIndexOf(all, (byte)'\n', length - 1, length) + 1;
            if (end == 0 && length >= HookOutputLog.MaxPendingBytes)
            {
                end = Utf8Boundary(all, length);
            }

            if (end > 0)
            {
                Emit(p.Name, all, end);
                byte[] rest = all[end..length];
                p.Bytes.SetLength(0);
                p.Bytes.Write(rest);
            }
        }
    }

    /// <summary>The stream met the run's budget: what follows is dropped, and the log says so once.</summary>
    internal void Cut(bool isStderr, long keptBytes)
    {
        Pending p = isStderr ? stderr : stdout;
        lock (p)
        {
            Flush(p);
            log.Write(hookKey, p.Name, line =>
            {
                line["truncated"] = true;
                line["kept_bytes"] = keptBytes;
                return line;
            });
        }
    }

    /// <summary>The hook is done: a last line without a newline is logged too.</summary>
    internal void Close()
    {
        foreach (Pending p in new[] { stdout, stderr })
        {
            lock (p)
            {
                Flush(p);
            }
        }
    }

    private void Flush(Pending p)
    {
        if (p.Bytes.Length > 0)
        {
            Emit(p.Name, p.Bytes.GetBuffer(), (int)p.Bytes.Length);
            p.Bytes.SetLength(0);
        }
    }

    private void Emit(string stream, byte[] bytes, int count)
    {
        string text = log.Mask(new UTF8Encoding(false, false).GetString(bytes, 0, count));
        log.Write(hookKey, stream, line =>
        {
            line["text"] = text;
            return line;
        });
    }

    /// <summary>Where a piece of an endless line may end without splitting a UTF-8 sequence.</summary>
    private static int Utf8Boundary(byte[] bytes, int length)
    {
        int end = length;
        while (end > length - 4 && end > 0 && (bytes[end - 1] & 0xC0) == 0x80)
        {
            end--;
        }

        // end - 1 is now a lead byte or ASCII: cut before a lead byte whose sequence is incomplete.
        return end > 0 && bytes[end - 1] >= 0xC0 ? end - 1 : length;
    }

    private sealed class Pending
    {
        public Pending(string name) => Name = name;

        public string Name { get; }

        public MemoryStream Bytes { get; } = new();
    }
}
