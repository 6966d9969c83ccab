using Microsoft.Win32.SafeHandles;

namespace Codex.Plugins.Configuration.Editing;

/// <summary>
/// The new version of a file before it is swapped in: a fresh name beside the file, created by this writer only (O_EXCL,
/// no link followed), given the replaced file's owner and mode on its handle, flushed; and the leftovers of writers that
/// were killed before their rename.
/// </summary>
internal static class TemporaryFile
{
    internal const int OwnerOnly = 0b110_000_000;
    internal const int CreatedByUmask = 0b110_110_110;

    /// <summary>A new temporary file, created by this call only (O_EXCL, no link followed) with <paramref name="createMode"/>.</summary>
    internal static SafeFileHandle Create(string temp, int createMode)
    {
        SafeFileHandle fd = UnixFileSystem.Open(temp, UnixFileSystem.WriteOnly | UnixFileSystem.Create | UnixFileSystem.Exclusive, createMode, out int errno);
        if (!fd.IsInvalid)
        {
            return fd;
        }

        fd.Dispose();
        if (errno is UnixFileSystem.ErrorAccess or UnixFileSystem.ErrorPermission)
        {
            throw new UnauthorizedAccessException($"Cannot create a file in {Path.GetDirectoryName(temp)} (permission denied).");
        }

        throw new IOException($"Cannot create {temp} (errno {errno}).");
    }

    /// <summary>
    /// The temporary file gets the replaced file's owner and mode (or <paramref name="mode"/>; a new file in someone's
    /// folder, written by root, is theirs), on its handle, and is flushed to disk.
    /// </summary>
    internal static UnixFileInfo GiveOwnerAndMode(SafeFileHandle fd, UnixFileInfo? original, UnixFileInfo folder, int? mode)
    {
        UnixFileInfo now = UnixFileSystem.FStat(fd);
        if (original is { } o)
        {
            UnixFileSystem.SetOwnerAndMode(fd, o.Uid, o.Gid, mode ?? o.PermissionsForNewVersion);
        }
        else if (UnixFileSystem.EffectiveUserId == 0 && folder.Uid != 0)
        {
            UnixFileSystem.SetOwnerAndMode(fd, folder.Uid, folder.Gid, mode ?? now.Permissions);
        }
        else if (mode is { } exact && now.Permissions != exact)
        {
            // The umask may have taken bits away from the mode asked for.
            UnixFileSystem.SetOwnerAndMode(fd, now.Uid, now.Gid, exact);
        }

        UnixFileSystem.Sync(fd);
        return UnixFileSystem.FStat(fd);
    }

    internal static string NameBeside(string folder, string target) =>
        Path.Combine(folder, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");

    /// <summary>
    /// The new version under a fresh name, created by this call only (O_EXCL, no link followed), readable by this
    /// account alone until it has the old file's owner and mode, set on the handle, and flushed to disk.
    /// </summary>
    internal static UnixFileInfo Write(string target, string temp, byte[] bytes, UnixFileInfo? original, UnixFileInfo folder)
    {
        RemoveStale(Path.GetDirectoryName(temp)!, Path.GetFileName(target));
        int createMode = original is null ? CreatedByUmask : OwnerOnly;
        using SafeFileHandle fd = UnixFileSystem.Open(temp, UnixFileSystem.WriteOnly | UnixFileSystem.Create | UnixFileSystem.Exclusive, createMode, out int errno);
        if (fd.IsInvalid)
        {
            if (errno is UnixFileSystem.ErrorAccess or UnixFileSystem.ErrorPermission)
            {
                throw new UnauthorizedAccessException($"Cannot create a file in {Path.GetDirectoryName(temp)} (permission denied).");
            }

            throw new IOException($"Cannot create {temp} (errno {errno}).");
        }

        RandomAccess.Write(fd, bytes, 0);
        if (original is { } o)
        {
            UnixFileSystem.SetOwnerAndMode(fd, o.Uid, o.Gid, o.PermissionsForNewVersion);
        }
        else if (UnixFileSystem.EffectiveUserId == 0 && folder.Uid != 0)
        {
            // Root creating a file in someone's folder gives it to them, as it would be had they created it.
            UnixFileSystem.SetOwnerAndMode(fd, folder.Uid, folder.Gid, UnixFileSystem.FStat(fd).Permissions);
        }

        UnixFileSystem.Sync(fd);
        return UnixFileSystem.FStat(fd);
    }

    /// <summary>
    /// A writer killed between creating its temporary file and the rename leaves the temporary file behind (the
    /// original is intact). The next writer removes those of processes that no longer run; the writer's process id
    /// is in the name for this.
    /// </summary>
    internal static void RemoveStale(string folder, string name)
    {
        string prefix = "." + name + ".";
        try
        {
            foreach (string file in Directory.EnumerateFiles(folder, prefix + "*.tmp"))
            {
                string[] parts = Path.GetFileName(file)[prefix.Length..].Split('.');
                if (parts.Length == 3 && int.TryParse(parts[0], out int pid) && pid != Environment.ProcessId && !IsRunning(pid))
                {
                    TryDelete(file);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Housekeeping only: a folder that cannot be listed does not stop the write.
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
