using System.Runtime.ExceptionServices;

namespace Codex.Plugins.Masking.Streaming;

/// <summary>
/// A piece of work offered to the thread pool that whoever needs its result first runs: a pool thread that gets to it,
/// or the caller of <see cref="Join"/> when no pool thread has started it yet. So a caller that hands results back in
/// order never sits idle while the work it waits for is still queued, never spins, and never waits for a pool thread
/// (no starvation when the pool is busy, and none when jobs are joined from pool threads themselves).
/// </summary>
internal sealed class ClaimableJob<T>
{
    private const int Waiting = 0, Running = 1, Done = 2;
    private readonly Func<T> _work;
    private readonly object _gate = new();
    private int _state;
    private T? _result;
    private ExceptionDispatchInfo? _error;

    public ClaimableJob(Func<T> work) => _work = work;

    /// <summary>Offers the job to the thread pool (it may still be run by <see cref="Join"/> first).</summary>
    public void Offer() => ThreadPool.UnsafeQueueUserWorkItem(static job => job.TryRun(), this, preferLocal: false);

    /// <summary>The result: runs the work here if nobody has started it, else waits for the thread running it.</summary>
    public T Join()
    {
        if (!TryRun())
        {
            lock (_gate)
            {
                while (_state != Done)
                {
                    Monitor.Wait(_gate);
                }
            }
        }

        _error?.Throw();
        return _result!;
    }

    /// <summary>For a caller that stops early: work not yet started never will be; work running is waited for.</summary>
    public void Abandon()
    {
        if (Interlocked.CompareExchange(ref _state, Done, Waiting) == Waiting)
        {
            return;
        }

        lock (_gate)
        {
            while (_state != Done)
            {
                Monitor.Wait(_gate);
            }
        }
    }

    private bool TryRun()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Waiting) != Waiting)
        {
            return false;
        }

        try
        {
            _result = _work();
        }
        catch (Exception ex)
        {
            _error = ExceptionDispatchInfo.Capture(ex);
        }

        lock (_gate)
        {
            _state = Done;
            Monitor.PulseAll(_gate);
        }

        return true;
    }
}
