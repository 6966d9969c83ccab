namespace Codex.Plugins.Hooks.Execution;

/// <summary>What one output stream of a hook delivered: the bytes the run's budget still allows are kept (and streamed to the run's log), the rest is counted and dropped.</summary>
internal sealed class HookOutputCapture
{
    private readonly MemoryStream kept = new();
    private readonly HookOutputBudget budget;
    private readonly HookOutputStream? output;
    private readonly bool isStderr;
    private long keptBytes;

    public HookOutputCapture(HookOutputBudget budget, HookOutputStream? output, bool isStderr)
    {
        this.budget = budget;
        this.output = output;
        this.isStderr = isStderr;
    }

    public long Total { get; private set; }

    /// <summary>Some of this stream's output was dropped (over the run's budget).</summary>
    public bool Cut { get; private set; }

    public byte[] Bytes
    {
        get
        {
            lock (kept)
            {
                return kept.ToArray();
            }
        }
    }

    /// <summary>Takes <paramref name="read"/> bytes just read from the pipe.</summary>
    public void Accept(byte[] buffer, int read)
    {
        lock (kept)
        {
            int room = budget.Take(read);
            if (room > 0)
            {
                kept.Write(buffer, 0, room);
                keptBytes += room;
                output?.Write(isStderr, buffer, room);
            }

            if (room < read && !Cut)
            {
                Cut = true;
                output?.Cut(isStderr, keptBytes);
            }

            Total += read;
        }
    }
}
