using Microsoft.Win32.SafeHandles;

namespace Codex.Plugins.Configuration.Editing;

/// <summary>
/// Replaces a file so that a reader, or a crash at any instant, sees either the old bytes or the new ones, and so
/// that nobody who owns the folder can turn the write against another file.
/// <list type="bullet">
/// <item>Links: the path is resolved once under <see cref="WriteTarget"/>'s rule; from then on nothing is opened
/// through a link (O_NOFOLLOW), and temporary and backup files are only ever created new (O_EXCL), so a planted
/// link or file is never written through.</item>
/// <item>Owner and mode: set on the open handle (fchown, fchmod) before the file is visible under its name, never
/// by path, so swapping the temporary file for a link gives nothing away.</item>
/// <item>Writers that do not take the lock (codex, editors, scripts): the new version is swapped in with
/// renameat2(RENAME_EXCHANGE) and what it displaced is compared with what the edit was based on; anything else
/// (a line appended at the last moment, a file renamed in just before) is swapped back, and a file renamed in just
/// after stays; either way the edit is applied again to what is there now, or refused with ConfigChangedOnDisk.
/// Nothing is taken out of the file's name that this writer did not put there (<see cref="ExchangeCommit.SettleExchange"/>).
/// Without the exchange (not Linux, or a file system without it) the comparison happens right before the rename.</item>
/// <item>Backups: a name that does not exist yet (FILE.bak, then FILE.bak.1, ...), never an earlier backup, with the
/// guarded file's owner and mode; a backup that cannot be written completely is removed and the file is not changed
/// (ConfigBackupFailed).</item>
/// </list>
/// </summary>
internal static class AtomicFile
{
    internal const int MaxAttempts = 50;

    /// <summary>Writes the bytes whatever the file holds now; returns the backup's path when one was asked for and the file existed.</summary>
    public static string? Write(string path, byte[] bytes, bool backup) =>
        Replace(path, basis: null, bytes, rebase: null, backup).BackupPath;

    /// <summary>
    /// Replaces the file with content written by <paramref name="writeContent"/> straight into the temporary file beside
    /// it, so the content is never held in memory (a masked copy of a 2 GB log). The temporary file is made, flushed and
    /// swapped in under the same rules as <see cref="Replace"/> (no link followed, O_EXCL, owner and mode set on the
    /// handle, fsync, renameat2 exchange and a check of what it displaced), except that "unchanged" means the same file
    /// with the same size and modification time instead of the same bytes. <paramref name="readsTarget"/>: the content was
    /// made from the file itself (masking in place), so a file changed meanwhile is ConfigChangedOnDisk and nothing is
    /// written; otherwise what is there now is displaced instead. <paramref name="mode"/>: the file's exact mode from the
    /// instant the temporary file is created (owner-only for a file of secrets), instead of the old file's or the umask's.
    /// An exception from <paramref name="writeContent"/> leaves everything as it was and reaches the caller as it was
    /// thrown; one from writing the temporary file is ConfigWriteFailed.
    /// </summary>
    public static string? WriteStreamed(string path, Action<Stream> writeContent, bool backup, bool readsTarget = false, UnixFileMode? mode = null)
    {
        string target = WriteTarget.Resolve(path);
        return OperatingSystem.IsWindows()
            ? AtomicFileOnWindows.WriteStreamed(target, writeContent, backup)
            : WriteStreamedOnUnix(target, writeContent, backup, readsTarget, mode is null ? null : (int)mode.Value);
    }

    private static string? WriteStreamedOnUnix(string target, Action<Stream> writeContent, bool backup, bool readsTarget, int? mode)
    {
        string folder = Path.GetDirectoryName(target)!;
        UnixFileInfo folderInfo = CurrentFile.CheckFolder(target, folder);
        UnixFileInfo? basisInfo = CurrentFile.Stat(target);
        if (basisInfo is { } existing)
        {
            CurrentFile.ThrowIfReadOnly(target, existing);
        }

        TemporaryFile.RemoveStale(folder, Path.GetFileName(target));
        string temp = TemporaryFile.NameBeside(folder, target);
        string? backupPath = null;
        bool producing = false;
        using SafeFileHandle fd = TemporaryFile.Create(temp, mode ?? (basisInfo is null ? TemporaryFile.CreatedByUmask : TemporaryFile.OwnerOnly));
        try
        {
            using (var output = new FileStream(fd, FileAccess.Write, 1 << 16))
            {
                producing = true;
                writeContent(new WriteFailureStream(output, target));
                producing = false;
                try
                {
                    output.Flush();
                }
                catch (IOException ex)
                {
                    throw WriteErrors.WriteFailed(target, ex);
                }

                for (int attempt = 0; attempt < MaxAttempts; attempt++)
                {
                    UnixFileInfo written = TemporaryFile.GiveOwnerAndMode(fd, basisInfo, folderInfo, mode);
                    if (backup && basisInfo is { } previous)
                    {
                        backupPath = BackupFile.CopyOfCurrent(target, previous);
                    }

                    if (ExchangeCommit.SwapIn(target, temp, written, basisInfo, basis: null))
                    {
                        return backupPath;
                    }

                    BackupFile.Delete(ref backupPath);
                    if (readsTarget || !UnixFileSystem.TryLStat(temp, out UnixFileInfo atTemp) || !atTemp.SameEntry(written))
                    {
                        // What was masked is not what is there now (or the temporary file was swapped): nothing is written.
                        throw ConfigEdit.ChangedOnDisk(target);
                    }

                    basisInfo = CurrentFile.Stat(target);
                    if (basisInfo is { } now)
                    {
                        CurrentFile.ThrowIfReadOnly(target, now);
                    }
                }
            }

            throw ConfigEdit.ChangedOnDisk(target);
        }
        catch (Exception ex) when (!producing && ex is IOException or UnauthorizedAccessException)
        {
            BackupFile.Delete(ref backupPath);
            throw WriteErrors.WriteFailed(target, ex);
        }
        catch
        {
            BackupFile.Delete(ref backupPath);
            throw;
        }
        finally
        {
            UnixFileSystem.Unlink(temp);
        }
    }

    /// <summary>
    /// Replaces the file with <paramref name="bytes"/>, made from <paramref name="basis"/> (null: the file did not
    /// exist). When the file holds something else at the last moment, <paramref name="rebase"/> makes the bytes
    /// again from what is there (or throws ConfigChangedOnDisk; null bytes: nothing to write). A null
    /// <paramref name="rebase"/> writes whatever the file holds.
    /// </summary>
    public static AtomicWriteResult Replace(string path, byte[]? basis, byte[] bytes, Func<byte[]?, byte[]?>? rebase, bool backup) =>
        ReplaceAt(WriteTarget.Resolve(path), basis, bytes, rebase, backup);

    /// <summary>As <see cref="Replace"/>, for a path already resolved by <see cref="WriteTarget.Resolve"/>.</summary>
    public static AtomicWriteResult ReplaceAt(string target, byte[]? basis, byte[] bytes, Func<byte[]?, byte[]?>? rebase, bool backup)
    {
        return OperatingSystem.IsWindows()
            ? AtomicFileOnWindows.Replace(target, basis, bytes, rebase, backup)
            : ReplaceOnUnix(target, basis, bytes, rebase, backup);
    }

    private static AtomicWriteResult ReplaceOnUnix(string target, byte[]? basis, byte[] bytes, Func<byte[]?, byte[]?>? rebase, bool backup)
    {
        string folder = Path.GetDirectoryName(target)!;
        UnixFileInfo folderInfo = CurrentFile.CheckFolder(target, folder);
        bool rebased = false;
        string? backupPath = null;
        byte[]? backupOf = null;
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            (byte[]? current, UnixFileInfo? currentInfo) = CurrentFile.Read(target);
            if (currentInfo is { } existing)
            {
                CurrentFile.ThrowIfReadOnly(target, existing);
            }

            if (rebase is null)
            {
                basis = current;
            }
            else if (!ExchangeCommit.SameBytes(current, basis))
            {
                byte[]? again = rebase(current);
                if (again is null)
                {
                    BackupFile.Delete(ref backupPath);
                    return new AtomicWriteResult(false, null, true, null);
                }

                bytes = again;
                basis = current;
                rebased = true;
            }

            if (backup && basis is not null && !ExchangeCommit.SameBytes(backupOf, basis))
            {
                BackupFile.Delete(ref backupPath);
                backupPath = BackupFile.Write(target, basis, currentInfo!.Value);
                backupOf = basis;
            }

            string temp = TemporaryFile.NameBeside(folder, target);
            try
            {
                UnixFileInfo written = TemporaryFile.Write(target, temp, bytes, currentInfo, folderInfo);
                if (ExchangeCommit.SwapIn(target, temp, written, currentInfo, basis))
                {
                    return new AtomicWriteResult(true, backupPath, rebased, bytes);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                BackupFile.Delete(ref backupPath);
                throw WriteErrors.WriteFailed(target, ex);
            }
            finally
            {
                UnixFileSystem.Unlink(temp);
            }

            if (rebase is null)
            {
                continue;
            }

            // Someone wrote in between: loop, so the edit is applied again to their version (or refused).
            rebased = true;
        }

        BackupFile.Delete(ref backupPath);
        throw ConfigEdit.ChangedOnDisk(target);
    }
}
