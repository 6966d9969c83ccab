namespace Codex.Plugins.Hooks.Execution;

/// <summary>Drains one output pipe on its own thread, keeping what the run's budget still allows.</summary>
internal sealed class HookPipeReader
{
    private readonly MemoryStream kept = new();
    private readonly Stream stream;
    private readonly HookOutputBudget budget;
    private readonly HookOutputStream? output;
    private readonly bool isStderr;
    private long keptBytes;

    public HookPipeReader(Stream stream, HookOutputBudget budget, HookOutputStream? output, bool isStderr)
    {
        this.stream = stream;
        this.budget = budget;
        this.output = output;
        this.isStderr = isStderr;
        Thread = new Thread(Drain) { IsBackground = true, Name = "hook output" };
        Thread.Start();
    }

    public Thread Thread { get; }

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

    private void Drain()
    {
        byte[] buffer = new byte[81920];
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
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
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
        }
    }
}
