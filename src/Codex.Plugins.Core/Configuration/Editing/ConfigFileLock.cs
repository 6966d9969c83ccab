using System.Diagnostics;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Configuration.Editing;

/// <summary>
/// An exclusive lock beside a configuration file (<c>config.toml.lock</c>), so writers in any number of processes
/// take turns. The lock is the open handle: .NET opens with FileShare.None, which is a share-mode lock on Windows
/// and flock(LOCK_EX) on Linux and macOS, and the operating system drops it when the process dies, so a killed
/// writer never leaves a stale lock. The lock file itself stays (deleting it would let two writers lock two files).
/// </summary>
public sealed class ConfigFileLock : IDisposable
{
    private readonly FileStream stream;

    private ConfigFileLock(FileStream stream, string lockPath)
    {
        this.stream = stream;
        LockPath = lockPath;
    }

    public string LockPath { get; }

    /// <summary>The lock file used for a configuration file.</summary>
    public static string LockPathFor(string path) => path + ".lock";

    /// <summary>Waits up to <paramref name="timeout"/> for the lock; throws ConfigLocked when another writer keeps it.</summary>
    public static ConfigFileLock Acquire(string path, TimeSpan timeout)
    {
        string lockPath = LockPathFor(path);
        var watch = Stopwatch.StartNew();
        int delay = 2;
        while (true)
        {
            try
            {
                var fs = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.None);
                return new ConfigFileLock(fs, lockPath);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigWriteFailed, IssueKind.ReadError,
                    $"Cannot create the lock file {lockPath}: {ex.Message}", path, Target: path,
                    RecommendedAction: "Check that this account may create files in the configuration folder."), ex);
            }
            catch (IOException ex) when (ex is not (DirectoryNotFoundException or PathTooLongException))
            {
                if (watch.Elapsed >= timeout)
                {
                    throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigLocked, IssueKind.ReadError,
                        $"Another writer has held {lockPath} for more than {timeout.TotalSeconds:0.###} s; the file was not changed.",
                        path, Target: path,
                        RecommendedAction: "Wait for the other change to finish and try again, or raise -LockTimeoutSec."), ex);
                }

                // Randomised back-off: writers that collide do not retry in step.
                Thread.Sleep(Random.Shared.Next(delay, delay * 2 + 1));
                delay = Math.Min(delay * 2, 50);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
