namespace Codex.Plugins.Hooks.Execution;

/// <summary>
/// The output one Invoke-CodexHook run keeps in memory, shared by all its handlers and both streams: eight flooding
/// handlers together keep no more than one would. What is over the budget is still read (so the hook is not blocked
/// on a full pipe, as under Codex) and counted, and the result says it was cut.
/// </summary>
public sealed class HookOutputBudget
{
    private long remaining;

    public HookOutputBudget(long bytes) => remaining = bytes;

    /// <summary>True once some output was dropped.</summary>
    public bool Exhausted { get; private set; }

    /// <summary>Takes up to <paramref name="wanted"/> bytes from the budget; returns how many may be kept.</summary>
    public int Take(int wanted)
    {
        while (true)
        {
            long left = Interlocked.Read(ref remaining);
            int granted = (int)Math.Min(wanted, Math.Max(0, left));
            if (granted < wanted)
            {
                Exhausted = true;
            }

            if (granted == 0 || Interlocked.CompareExchange(ref remaining, left - granted, left) == left)
            {
                return granted;
            }
        }
    }
}
