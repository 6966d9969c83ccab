using System.Collections;
using System.Collections.ObjectModel;
using Codex.Plugins.Managed.Rollout;

namespace Codex.Plugins.Remoting;

/// <summary>
/// Runs the rollout script (<see cref="ManagedRollout.InstallerScript"/>) on many targets over their sessions, at most
/// a throttle limit at once, and hands the answers back in target order; a target that fails to answer is a failed
/// result, never an exception.
/// </summary>
internal sealed class ManagedFileInstaller : IDisposable
{
    private readonly SemaphoreSlim gate;
    private readonly string folder;
    private readonly int lockTimeoutSec;

    /// <param name="folder">The folder on each target to install into; empty for where Codex reads the files there.</param>
    public ManagedFileInstaller(int throttleLimit, string folder, int lockTimeoutSec)
    {
        gate = new SemaphoreSlim(throttleLimit);
        this.folder = folder;
        this.lockTimeoutSec = lockTimeoutSec;
    }

    /// <summary>A target's answer mapped by the caller, or the failed result that stands in for it.</summary>
    public sealed record Outcome<T>(T? Value, CodexPublishResult? Failure);

    /// <summary>Runs the script in <paramref name="mode"/> (Inspect, Apply, Rollback) with each target's files.</summary>
    public List<Outcome<T>> Run<T>(IReadOnlyList<RemoteTarget> targets, string mode, Func<RemoteTarget, IEnumerable<CodexManagedConfig>> files, bool withText,
        Func<RemoteTarget, IDictionary, T> map)
    {
        var tasks = targets.Select(t => Task.Run(async () =>
        {
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                Collection<PSObject> output = Invoke(t, mode, files(t), withText);
                if (output.LastOrDefault()?.BaseObject is IDictionary answer)
                {
                    return new Outcome<T>(map(t, answer), null);
                }

                return new Outcome<T>(default, ManagedRollout.Failed(t.Name, ErrorIds.ManagedTransferFailed, "The target gave no answer; the previous files are in place."));
            }
            catch (Exception ex) when (ex is RuntimeException or InvalidOperationException or System.Management.Automation.Remoting.PSRemotingTransportException)
            {
                return new Outcome<T>(default, ManagedRollout.Failed(t.Name, ErrorIds.ManagedTransferFailed,
                    $"The connection failed during the transfer: {ex.Message} The previous files are in place (the files are replaced by one rename, or not at all)."));
            }
            finally
            {
                gate.Release();
            }
        })).ToArray();
        Task.WaitAll(tasks);
        return tasks.Select(t => t.Result).ToList();
    }

    public void Dispose() => gate.Dispose();

    private Collection<PSObject> Invoke(RemoteTarget target, string mode, IEnumerable<CodexManagedConfig> files, bool withText)
    {
        using PowerShell ps = PowerShell.Create();
        ps.Runspace = target.Session!.Runspace;
        ps.AddScript(ManagedRollout.InstallerScript)
            .AddParameter("Mode", mode)
            .AddParameter("Folder", folder)
            .AddParameter("Files", ManagedRollout.FilesArgument(files, withText))
            .AddParameter("LockTimeoutSec", lockTimeoutSec);
        return ps.Invoke();
    }
}
