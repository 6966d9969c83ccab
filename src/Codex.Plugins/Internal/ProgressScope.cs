namespace Codex.Plugins.Commands;

/// <summary>Ends a progress activity once, when the work it shows is over (also when it threw).</summary>
internal sealed class ProgressScope(Action end) : IDisposable
{
    private Action? end = end;

    public void Dispose()
    {
        Interlocked.Exchange(ref end, null)?.Invoke();
    }
}
