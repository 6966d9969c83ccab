using Microsoft.Win32.SafeHandles;

namespace Codex.Plugins.Configuration.Editing;

/// <summary>
/// The previous version kept beside the file: a name that does not exist yet (FILE.bak, then FILE.bak.1, ...), never an
/// earlier backup and never through a link, owned like the guarded file, complete or not there at all.
/// </summary>
internal static class BackupFile
{
    public const string BackupSuffix = ".bak";
    internal const int MaxBackups = 1000;

    /// <summary>A backup of the file as it is (checked to be the file the write is based on), copied through a bounded buffer.</summary>
    internal static string CopyOfCurrent(string target, UnixFileInfo basis)
    {
        using SafeFileHandle source = UnixFileSystem.Open(target, UnixFileSystem.ReadOnly, 0, out int errno);
        if (source.IsInvalid || !UnixFileSystem.FStat(source).Unchanged(basis))
        {
            throw ConfigEdit.ChangedOnDisk(target);
        }

        using var stream = new FileStream(source, FileAccess.Read, 1);
        return Write(target, stream, basis);
    }

    private static long CopyTo(Stream source, SafeFileHandle destination)
    {
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            long offset = 0;
            int n;
            while ((n = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                RandomAccess.Write(destination, buffer.AsSpan(0, n), offset);
                offset += n;
            }

            return offset;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The previous version under a name nothing stands at, owned like the file; refused with ConfigBackupFailed otherwise.</summary>
    internal static string Write(string target, byte[] previous, UnixFileInfo original) =>
        Write(target, new MemoryStream(previous, writable: false), original);

    /// <summary>As above, copying <paramref name="previous"/> through a bounded buffer (the file may be larger than memory).</summary>
    internal static string Write(string target, Stream previous, UnixFileInfo original)
    {
        for (int n = 0; n < MaxBackups; n++)
        {
            string name = target + BackupSuffix + (n == 0 ? string.Empty : "." + n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using SafeFileHandle fd = UnixFileSystem.Open(name, UnixFileSystem.WriteOnly | UnixFileSystem.Create | UnixFileSystem.Exclusive, TemporaryFile.OwnerOnly, out int errno);
            if (fd.IsInvalid)
            {
                if (errno == UnixFileSystem.ErrorExists)
                {
                    continue;
                }

                throw WriteErrors.BackupFailed(target, name, $"it cannot be created (errno {errno})", null);
            }

            try
            {
                long copied = CopyTo(previous, fd);
                UnixFileSystem.SetOwnerAndMode(fd, original.Uid, original.Gid, original.PermissionsForNewVersion);
                UnixFileSystem.Sync(fd);
                if (UnixFileSystem.FStat(fd).Size != copied || copied != original.Size)
                {
                    throw new IOException("The backup is shorter than the file.");
                }

                return name;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                UnixFileSystem.Unlink(name);
                throw WriteErrors.BackupFailed(target, name, ex.Message, ex);
            }
        }

        throw WriteErrors.BackupFailed(target, target + BackupSuffix, $"{MaxBackups} earlier backups stand beside it", null);
    }

    internal static void Delete(ref string? backupPath)
    {
        if (backupPath is not null)
        {
            if (OperatingSystem.IsWindows())
            {
                TemporaryFile.TryDelete(backupPath);
            }
            else
            {
                UnixFileSystem.Unlink(backupPath);
            }

            backupPath = null;
        }
    }
}
