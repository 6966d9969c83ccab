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
