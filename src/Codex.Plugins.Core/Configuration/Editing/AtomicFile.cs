using System.Runtime.InteropServices;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Configuration.Editing;

/// <summary>
/// Replaces a file so that a reader, or a crash at any instant, sees either the old bytes or the new ones: the new
/// version is written to a temporary file in the same folder, flushed to disk, given the old file's mode and owner,
/// and renamed over the original (rename is atomic within one file system).
/// </summary>
internal static class AtomicFile
{
    public const string BackupSuffix = ".bak";

    /// <summary>Writes the bytes; returns the backup's path when one was asked for and the file existed.</summary>
    public static string? Write(string path, byte[] bytes, bool backup) => Write(path, stream => stream.Write(bytes), backup);

    /// <summary>
    /// Streams the new content into the temporary file (so a masked copy of a large file never sits in memory); an
    /// exception from <paramref name="writeContent"/> removes the temporary file and leaves the original as it was. A
    /// new file gets <paramref name="newFileMode"/> from its creation (owner-only mapping files are never readable by
    /// others, not even for an instant).
    /// </summary>
    public static string? Write(string path, Action<Stream> writeContent, bool backup, UnixFileMode? newFileMode = null)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        bool exists = File.Exists(full);
        if (exists)
        {
            ThrowIfReadOnly(full);
        }

        RemoveStaleTemporaryFiles(folder, Path.GetFileName(full));
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16 };
            if (!exists && newFileMode is not null && !OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = newFileMode;
            }

            using (var fs = new FileStream(temp, create))
            {
                writeContent(fs);
                fs.Flush(flushToDisk: true);
            }

            if (exists)
            {
                CopyModeAndOwner(full, temp);
            }

            string? backupPath = null;
            if (backup && exists)
            {
                backupPath = full + BackupSuffix;
                File.Copy(full, backupPath, overwrite: true);
            }

            if (OperatingSystem.IsWindows() && exists)
            {
                // ReplaceFile keeps the original's ACL and attributes, as rename does for mode on Unix via the copy above.
                File.Replace(temp, full, null, ignoreMetadataErrors: true);
            }
            else
            {
                File.Move(temp, full, overwrite: true);
            }

            return backupPath;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigWriteFailed, IssueKind.ReadError,
                $"Writing {full} failed: {ex.Message} The original file is unchanged.", full, Target: full,
                RecommendedAction: "Check that this account may create files in the folder and that the disk has room."), ex);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Refuses a file marked read-only (no owner write bit, or the read-only attribute), even for root: someone marked
    /// it so on purpose. Also refuses a file this account may not open for writing.
    /// </summary>
    public static void ThrowIfReadOnly(string path)
    {
        bool marked = OperatingSystem.IsWindows()
            ? File.GetAttributes(path).HasFlag(FileAttributes.ReadOnly)
            : (File.GetUnixFileMode(path) & UnixFileMode.UserWrite) == 0;
        string? reason = marked ? "the file is marked read-only" : null;
        if (reason is null)
        {
            try
            {
                using var probe = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (UnauthorizedAccessException)
            {
                reason = "this account may not write it";
            }
            catch (IOException)
            {
                // Held open by someone else (Windows): the rename decides; nothing to report here.
            }
        }

        if (reason is not null)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigReadOnly, IssueKind.ReadError,
                $"{path} cannot be changed: {reason}. Nothing was written.", path, Target: path,
                RecommendedAction: "Make the file writable (chmod u+w, or clear the read-only attribute) if it should be changed, or write to another scope."));
        }
    }

    private static void CopyModeAndOwner(string from, string to)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(to, File.GetUnixFileMode(from));
        try
        {
            // An administrator editing someone else's file must not take it over: give the new file the old owner.
            if (Stat(from, out FileStatus original) == 0 && Stat(to, out FileStatus written) == 0 &&
                (original.Uid != written.Uid || original.Gid != written.Gid))
            {
                _ = Chown(to, original.Uid, original.Gid);
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // No way to read or set the owner on this platform: the writer's ownership stands.
        }
    }

    /// <summary>
    /// A writer killed between creating its temporary file and the rename leaves the temporary file behind (the
    /// original is intact). The next writer removes those of processes that no longer run; the writer's process id
    /// is in the name for this.
    /// </summary>
    private static void RemoveStaleTemporaryFiles(string folder, string name)
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

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    // The runtime's own stat shim: one struct layout on every Unix .NET supports, unlike libc's struct stat.
    [StructLayout(LayoutKind.Sequential)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
        public uint Uid;
        public uint Gid;
        public long Size;
        public long ATime, ATimeNsec, MTime, MTimeNsec, CTime, CTimeNsec, BirthTime, BirthTimeNsec, Dev, RDev, Ino;
        public long Spare1, Spare2, Spare3, Spare4, Spare5, Spare6, Spare7, Spare8;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus status);

    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    private static extern int Chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);
}
