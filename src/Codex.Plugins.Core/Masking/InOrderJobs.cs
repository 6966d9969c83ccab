using Codex.Plugins.Masking.Streaming;

namespace Codex.Plugins.Masking;

/// <summary>
/// Work started ahead on other cores whose results are handed back on the caller's thread, in the order the work was
/// added: a cmdlet that takes files one at a time from the pipeline (<c>Get-ChildItem | Protect-CodexData</c>) masks the
/// next ones while it writes out the first, and may only write from its own thread. The caller runs the oldest piece of
/// work itself when no other thread has started it, so it never waits on a busy pool. Work that touches a path an
/// earlier piece still in flight touches waits for it (two files masked into the same destination, a file masked in
/// place and then read again), so what is written is what one-at-a-time would have written.
/// </summary>
public sealed class InOrderJobs<T> : IDisposable
{
    private readonly Queue<(ClaimableJob<T> Job, Action<Func<T>> Deliver, string[] Paths)> _inFlight = new();
    private readonly int _ahead;

    /// <param name="ahead">Pieces of work running ahead of the one being handed back; 0 runs each as it is added.</param>
    public InOrderJobs(int ahead) => _ahead = Math.Max(0, ahead);

    /// <summary>One piece per core beyond the caller's, at most three.</summary>
    public static int DefaultAhead { get; } = Math.Clamp(Environment.ProcessorCount, 1, 4) - 1;

    /// <summary>True when work still in flight reads or writes <paramref name="path"/> (compared as given: full paths).</summary>
    public bool Touches(string path) => _inFlight.Any(w => w.Paths.Contains(path, StringComparer.Ordinal));

    /// <summary>
    /// Adds <paramref name="work"/>; <paramref name="deliver"/> is called later on this thread, in order, with a function
    /// that returns the work's result or throws what the work threw. Work in flight that touches one of
    /// <paramref name="paths"/> is handed back first.
    /// </summary>
    public void Add(Func<T> work, Action<Func<T>> deliver, params string[] paths)
    {
        if (paths.Any(Touches))
        {
            DeliverAll();
        }

        var job = new ClaimableJob<T>(work);
        _inFlight.Enqueue((job, deliver, paths));
        if (_ahead > 0)
        {
            job.Offer();
        }

        while (_inFlight.Count > _ahead)
        {
            DeliverOldest();
        }
    }

    /// <summary>Hands back everything still in flight, in order.</summary>
    public void DeliverAll()
    {
        while (_inFlight.Count > 0)
        {
            DeliverOldest();
        }
    }

    private void DeliverOldest()
    {
        (ClaimableJob<T> job, Action<Func<T>> deliver, _) = _inFlight.Dequeue();
        deliver(job.Join);
    }

    /// <summary>Stopped early: work not started never will be; work running is waited for (its file is written whole or not at all).</summary>
    public void Dispose()
    {
        while (_inFlight.Count > 0)
        {
            _inFlight.Dequeue().Job.Abandon();
        }
    }
}
