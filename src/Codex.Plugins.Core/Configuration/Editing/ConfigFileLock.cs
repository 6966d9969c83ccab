using System.Diagnostics;
using Codex.Plugins.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace Codex.Plugins.Configuration.Editing;

/// <summary>
/// An exclusive lock beside a configuration file (<c>config.toml.lock</c>), so writers in any number of processes
/// take turns. The lock is flock(LOCK_EX) on the open lock file (a share-mode lock on Windows), which the operating
/// system drops when the process dies, so a killed writer never leaves a stale lock. The holder deletes the lock file
/// before it lets go, so no empty file stays beside config.toml; a writer that locked a file which is no longer the
/// one at the lock path (deleted meanwhile) lets go and tries again, so two writers never hold two different files.
/// The lock file is opened without following a link (a planted link is ConfigLinkRefused, nothing is created where
/// it points) and belongs to the owner of the file it guards.
/// </summary>
public sealed class ConfigFileLock : IDisposable
{
    private readonly FileStream? windowsStream;
    private readonly SafeFileHandle? handle;
    private readonly UnixFileInfo identity;

    private ConfigFileLock(string lockPath, FileStream? windowsStream, SafeFileHandle? handle, UnixFileInfo identity)
    {
        LockPath = lockPath;
        this.windowsStream = windowsStream;
        this.handle = handle;
        this.identity = identity;
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
            ConfigFileLock? acquired = OperatingSystem.IsWindows() ? TryWindows(path, lockPath) : TryUnix(path, lockPath);
            if (acquired is not null)
            {
                return acquired;
            }

            if (watch.Elapsed >= timeout)
            {
                throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigLocked, IssueKind.ReadError,
                    $"Another writer has held {lockPath} for more than {timeout.TotalSeconds:0.###} s; the file was not changed.",
                    path, Target: path,
                    RecommendedAction: "Wait for the other change to finish and try again, or raise -LockTimeoutSec."));
            }

            // Randomised back-off: writers that collide do not retry in step.
            Thread.Sleep(Random.Shared.Next(delay, delay * 2 + 1));
            delay = Math.Min(delay * 2, 50);
        }
    }

    private static ConfigFileLock? TryWindows(string path, string lockPath)
    {
        try
        {
            var fs = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose);
            return new ConfigFileLock(lockPath, fs, null, default);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw CannotCreate(path, lockPath, ex.Message, ex);
        }
        catch (IOException ex) when (ex is not (DirectoryNotFoundException or PathTooLongException))
        {
            return null;
        }
    }

    private static ConfigFileLock? TryUnix(string path, string lockPath)
    {
        // Created here, the file is ours to give to the guarded file's owner; one that exists is only locked, never
        // chowned or chmodded (a hard link to someone else's file must not change hands).
        SafeFileHandle fd = UnixFileSystem.Open(lockPath, UnixFileSystem.ReadWrite | UnixFileSystem.Create | UnixFileSystem.Exclusive, 0b110_000_000, out int errno);
        bool created = !fd.IsInvalid;
        if (!created && errno == UnixFileSystem.ErrorExists)
        {
            fd.Dispose();
            fd = UnixFileSystem.Open(lockPath, UnixFileSystem.ReadWrite, 0, out errno);
            if (fd.IsInvalid && errno == UnixFileSystem.ErrorNoEntry)
            {
                // Deleted by its holder between the two opens: try again at once.
                fd.Dispose();
                return null;
            }
        }

        if (fd.IsInvalid)
        {
            fd.Dispose();
            if (errno == UnixFileSystem.ErrorLoop)
            {
                throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigLinkRefused, IssueKind.ReadError,
                    $"{lockPath} is a link; the lock is never taken through one, so nothing was created where it points and {path} was not changed.",
                    path, Target: path,
                    RecommendedAction: "Remove the link (it is not Codex's and not this module's) and run the command again."));
            }

            throw CannotCreate(path, lockPath, $"errno {errno}", null);
        }

        try
        {
            UnixFileInfo opened = UnixFileSystem.FStat(fd);
            if (!opened.IsRegularFile)
            {
                throw CannotCreate(path, lockPath, "it is not a regular file", null);
            }

            if (!UnixFileSystem.TryLockExclusive(fd, out _))
            {
                fd.Dispose();
                return null;
            }

            // The previous holder may have deleted the file between our open and our lock: then this lock guards
            // nothing, and the next writer would lock a new file. Only the file still at the lock path counts.
            if (!UnixFileSystem.TryLStat(lockPath, out UnixFileInfo atPath) || !atPath.SameEntry(opened))
            {
                fd.Dispose();
                return null;
            }

            if (created)
            {
                GiveToOwnerOfGuardedFile(fd, path);
            }

            return new ConfigFileLock(lockPath, null, fd, opened);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    private static void GiveToOwnerOfGuardedFile(SafeFileHandle fd, string path)
    {
        string folder = Path.GetDirectoryName(path)!;
        if (UnixFileSystem.TryLStat(path, out UnixFileInfo guarded) && guarded.IsRegularFile)
        {
            UnixFileSystem.SetOwnerAndMode(fd, guarded.Uid, guarded.Gid, 0b110_000_000);
        }
        else if (UnixFileSystem.TryLStat(folder, out UnixFileInfo parent))
        {
            UnixFileSystem.SetOwnerAndMode(fd, parent.Uid, parent.Gid, 0b110_000_000);
        }
    }

    private static CodexIssueException CannotCreate(string path, string lockPath, string why, Exception? inner) =>
        new(new CodexIssue(ErrorIds.ConfigWriteFailed, IssueKind.ReadError,
            $"Cannot create the lock file {lockPath}: {why}. {path} was not changed.", path, Target: path,
            RecommendedAction: "Check that this account may create files in the configuration folder."), inner);

    public void Dispose()
    {
        if (windowsStream is not null)
        {
            windowsStream.Dispose();
            return;
        }

        if (handle is null || handle.IsClosed)
        {
            return;
        }

        // Delete while still holding the lock, and only the file this lock is on: a waiter that opened it sees it
        // gone after its own flock and starts over.
        if (UnixFileSystem.TryLStat(LockPath, out UnixFileInfo atPath) && atPath.SameEntry(identity))
        {
            UnixFileSystem.Unlink(LockPath);
        }

        handle.Dispose();
    }
}
