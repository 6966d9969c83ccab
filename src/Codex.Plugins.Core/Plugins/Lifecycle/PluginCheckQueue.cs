using Codex.Plugins.Configuration;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>
/// Checks plugin folders side by side (one per core, at most four) while handing the results back in the order the
/// folders came in, on the caller's thread (a cmdlet may only write from there). A check is mostly small file reads
/// and text scans of one folder, independent of every other folder; a marketplace of many plugins, piped into
/// Test-CodexPlugin, was checked one folder at a time.
/// </summary>
public sealed class PluginCheckQueue : IDisposable
{
    private readonly Queue<Task<CodexPluginTestResult>> inFlight = new();
    private readonly int parallelism;

    /// <param name="parallelism">Checks running at once; default one per core, at most four. 1 checks on the caller's thread.</param>
    public PluginCheckQueue(int? parallelism = null)
    {
        this.parallelism = Math.Max(1, parallelism ?? Math.Clamp(Environment.ProcessorCount, 1, 4));
    }

    /// <summary>
    /// Starts checking a folder (see <see cref="PluginCheck.Run"/>) and returns the results that are due: the oldest
    /// ones, in order, once more than the queue's parallelism are under way. A check that threw rethrows here, in turn.
    /// </summary>
    public IReadOnlyList<CodexPluginTestResult> Add(string root, string? expectedName, string? marketplace, CodexEnvironment environment)
    {
        if (parallelism == 1)
        {
            return new[] { PluginCheck.Run(root, expectedName, marketplace, environment) };
        }

        inFlight.Enqueue(Task.Run(() => PluginCheck.Run(root, expectedName, marketplace, environment)));
        var due = new List<CodexPluginTestResult>();
        while (inFlight.Count > parallelism)
        {
            due.Add(inFlight.Dequeue().GetAwaiter().GetResult());
        }

        return due;
    }

    /// <summary>Every result still under way, in order (wait for them all).</summary>
    public IReadOnlyList<CodexPluginTestResult> Drain()
    {
        var due = new List<CodexPluginTestResult>();
        while (inFlight.Count > 0)
        {
            due.Add(inFlight.Dequeue().GetAwaiter().GetResult());
        }

        return due;
    }

    /// <summary>Stopped early (a pipeline stopped, an exception): the checks still running are waited for, not left behind.</summary>
    public void Dispose()
    {
        while (inFlight.Count > 0)
        {
            try
            {
                inFlight.Dequeue().Wait();
            }
            catch (AggregateException)
            {
            }
        }
    }
}
