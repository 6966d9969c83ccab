using System.Text;
using System.Text.Json.Nodes;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>
/// Streams what the hooks of one run print into the -LogPath log as it arrives, so that an audit log holds the output
/// of a hook that hangs, floods or takes the tester down, not only a summary written at the end. Each record is one
/// JSON line tied to the run's summary line by "run": {"time","run","hook","stream","text"} for output (whole lines,
/// masked like the results), and {"time","run","hook","stream","truncated":true,"kept_bytes"} once a stream meets the
/// run's output budget. Only what the budget keeps is logged: the log grows no more than memory does. A log that
/// fails during the run does not stop the hooks; the failure is reported after the run (HookLogUnwritable).
/// </summary>
public sealed class HookOutputLog
{
    /// <summary>A line longer than this without a newline is logged in pieces (a flood of one endless line).</summary>
    internal const int MaxPendingBytes = 64 * 1024;

    private readonly bool includeSecret;
    private string? failure;

    public HookOutputLog(string path, bool includeSecret)
    {
        Path = path;
        this.includeSecret = includeSecret;
    }

    /// <summary>The log file: output records while the run goes, the run's summary line after it.</summary>
    public string Path { get; }

    /// <summary>Ties the output records to the run's summary line.</summary>
    public string RunId { get; } = Guid.NewGuid().ToString("N")[..16];

    /// <summary>Why a record could not be written (null: every record was written).</summary>
    public string? Failure => Volatile.Read(ref failure);

    /// <summary>The sink for one hook's two streams.</summary>
    public HookOutputStream Open(string hookKey) => new(this, hookKey);

    internal void Write(string hookKey, string stream, Func<JsonObject, JsonObject> fill)
    {
        if (Failure is not null)
        {
            return;
        }

        var line = new JsonObject { ["time"] = DateTimeOffset.Now.ToString("O"), ["run"] = RunId, ["hook"] = hookKey, ["stream"] = stream };
        try
        {
            HookRunLog.AppendLine(Path, fill(line));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Interlocked.CompareExchange(ref failure, ex.Message, null);
        }
    }

    internal string Mask(string text) => includeSecret ? text : HookOutputMask.Apply(text);
}

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
