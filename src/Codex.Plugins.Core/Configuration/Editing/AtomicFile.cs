using Codex.Plugins.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace Codex.Plugins.Configuration.Editing;

/// <summary>What one atomic replacement did.</summary>
internal sealed record AtomicWriteResult(bool Written, string? BackupPath, bool Rebased, byte[]? Bytes);

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
/// Nothing is taken out of the file's name that this writer did not put there (<see cref="SettleExchange"/>).
/// Without the exchange (not Linux, or a file system without it) the comparison happens right before the rename.</item>
/// <item>Backups: a name that does not exist yet (FILE.bak, then FILE.bak.1, ...), never an earlier backup, with the
/// guarded file's owner and mode; a backup that cannot be written completely is removed and the file is not changed
/// (ConfigBackupFailed).</item>
/// </list>
/// </summary>
internal static class AtomicFile
{
    public const string BackupSuffix = ".bak";
    private const int MaxAttempts = 50;
    private const int MaxBackups = 1000;
    private const int OwnerOnly = 0b110_000_000;
    private const int CreatedByUmask = 0b110_110_110;

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
            ? WriteStreamedOnWindows(target, writeContent, backup)
            : WriteStreamedOnUnix(target, writeContent, backup, readsTarget, mode is null ? null : (int)mode.Value);
    }

    private static string? WriteStreamedOnUnix(string target, Action<Stream> writeContent, bool backup, bool readsTarget, int? mode)
    {
        string folder = Path.GetDirectoryName(target)!;
        UnixFileInfo folderInfo = CheckFolder(target, folder);
        UnixFileInfo? basisInfo = StatCurrent(target);
        if (basisInfo is { } existing)
        {
            ThrowIfReadOnly(target, existing);
        }

        RemoveStaleTemporaryFiles(folder, Path.GetFileName(target));
        string temp = TemporaryName(folder, target);
        string? backupPath = null;
        bool producing = false;
        using SafeFileHandle fd = CreateTemporary(temp, mode ?? (basisInfo is null ? CreatedByUmask : OwnerOnly));
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
                    throw WriteFailed(target, ex);
                }

                for (int attempt = 0; attempt < MaxAttempts; attempt++)
                {
                    UnixFileInfo written = GiveOwnerAndMode(fd, basisInfo, folderInfo, mode);
                    if (backup && basisInfo is { } previous)
                    {
                        backupPath = StreamBackup(target, previous);
                    }

                    if (SwapIn(target, temp, written, basisInfo, basis: null))
                    {
                        return backupPath;
                    }

                    DeleteBackup(ref backupPath);
                    if (readsTarget || !UnixFileSystem.TryLStat(temp, out UnixFileInfo atTemp) || !atTemp.SameEntry(written))
                    {
                        // What was masked is not what is there now (or the temporary file was swapped): nothing is written.
                        throw ConfigEdit.ChangedOnDisk(target);
                    }

                    basisInfo = StatCurrent(target);
                    if (basisInfo is { } now)
                    {
                        ThrowIfReadOnly(target, now);
                    }
                }
            }

            throw ConfigEdit.ChangedOnDisk(target);
        }
        catch (Exception ex) when (!producing && ex is IOException or UnauthorizedAccessException)
        {
            DeleteBackup(ref backupPath);
            throw WriteFailed(target, ex);
        }
        catch
        {
            DeleteBackup(ref backupPath);
            throw;
        }
        finally
        {
            UnixFileSystem.Unlink(temp);
        }
    }

    /// <summary>A new temporary file, created by this call only (O_EXCL, no link followed) with <paramref name="createMode"/>.</summary>
    private static SafeFileHandle CreateTemporary(string temp, int createMode)
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
    private static UnixFileInfo GiveOwnerAndMode(SafeFileHandle fd, UnixFileInfo? original, UnixFileInfo folder, int? mode)
    {
        UnixFileInfo now = UnixFileSystem.FStat(fd);
        if (original is { } o)
        {
            UnixFileSystem.SetOwnerAndMode(fd, o.Uid, o.Gid, mode ?? o.Permissions);
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

    /// <summary>A backup of the file as it is (checked to be the file the write is based on), copied through a bounded buffer.</summary>
    private static string StreamBackup(string target, UnixFileInfo basis)
    {
        using SafeFileHandle source = UnixFileSystem.Open(target, UnixFileSystem.ReadOnly, 0, out int errno);
        if (source.IsInvalid || !UnixFileSystem.FStat(source).Unchanged(basis))
        {
            throw ConfigEdit.ChangedOnDisk(target);
        }

        using var stream = new FileStream(source, FileAccess.Read, 1);
        return WriteBackup(target, stream, basis);
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

    private static string? WriteStreamedOnWindows(string target, Action<Stream> writeContent, bool backup)
    {
        string folder = Path.GetDirectoryName(target)!;
        bool exists = File.Exists(target);
        if (exists && File.GetAttributes(target).HasFlag(FileAttributes.ReadOnly))
        {
            throw ReadOnly(target, "the file is marked read-only");
        }

        string temp = TemporaryName(folder, target);
        string? backupPath = null;
        bool producing = false;
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                producing = true;
                writeContent(new WriteFailureStream(fs, target));
                producing = false;
                fs.Flush(flushToDisk: true);
            }

            if (backup && exists)
            {
                backupPath = WindowsBackup(target, name => File.Copy(target, name, overwrite: false));
            }

            if (exists)
            {
                File.Replace(temp, target, null, ignoreMetadataErrors: true);
            }
            else
            {
                File.Move(temp, target, overwrite: false);
            }

            return backupPath;
        }
        catch (Exception ex) when (!producing && ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            DeleteBackup(ref backupPath);
            throw WriteFailed(target, ex);
        }
        catch
        {
            TryDelete(temp);
            DeleteBackup(ref backupPath);
            throw;
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
            ? ReplaceOnWindows(target, basis, bytes, rebase, backup)
            : ReplaceOnUnix(target, basis, bytes, rebase, backup);
    }

    private static AtomicWriteResult ReplaceOnUnix(string target, byte[]? basis, byte[] bytes, Func<byte[]?, byte[]?>? rebase, bool backup)
    {
        string folder = Path.GetDirectoryName(target)!;
        UnixFileInfo folderInfo = CheckFolder(target, folder);
        bool rebased = false;
        string? backupPath = null;
        byte[]? backupOf = null;
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            (byte[]? current, UnixFileInfo? currentInfo) = ReadCurrent(target);
            if (currentInfo is { } existing)
            {
                ThrowIfReadOnly(target, existing);
            }

            if (rebase is null)
            {
                basis = current;
            }
            else if (!SameBytes(current, basis))
            {
                byte[]? again = rebase(current);
                if (again is null)
                {
                    DeleteBackup(ref backupPath);
                    return new AtomicWriteResult(false, null, true, null);
                }

                bytes = again;
                basis = current;
                rebased = true;
            }

            if (backup && basis is not null && !SameBytes(backupOf, basis))
            {
                DeleteBackup(ref backupPath);
                backupPath = WriteBackup(target, basis, currentInfo!.Value);
                backupOf = basis;
            }

            string temp = TemporaryName(folder, target);
            try
            {
                UnixFileInfo written = WriteTemporary(target, temp, bytes, currentInfo, folderInfo);
                if (SwapIn(target, temp, written, currentInfo, basis))
                {
                    return new AtomicWriteResult(true, backupPath, rebased, bytes);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                DeleteBackup(ref backupPath);
                throw WriteFailed(target, ex);
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

        DeleteBackup(ref backupPath);
        throw ConfigEdit.ChangedOnDisk(target);
    }

    /// <summary>
    /// Puts the temporary file in the target's place. True when what it displaced is exactly what the new bytes were
    /// made from (<paramref name="basisInfo"/> null: nothing stood there); otherwise the displaced entry is put back
    /// (the temporary name then holds our bytes) and false is returned. Without <paramref name="basis"/> bytes (a
    /// streamed write, larger than memory may be) "exactly" is the same file, size and modification time.
    /// </summary>
    private static bool SwapIn(string target, string temp, UnixFileInfo written, UnixFileInfo? basisInfo, byte[]? basis)
    {
        // The folder's owner may replace the temporary file (with a link, say) before it is swapped in: then what
        // went in is not what was written, and it is taken out again.
        if (!UnixFileSystem.TryLStat(temp, out UnixFileInfo atTemp) || !atTemp.SameEntry(written))
        {
            return false;
        }

        if (basisInfo is null)
        {
            int? created = UnixFileSystem.RenameIfAbsent(temp, target);
            if (created == 0)
            {
                return true;
            }

            if (created == UnixFileSystem.ErrorExists)
            {
                return false;
            }

            if (created is not null)
            {
                throw new IOException($"rename failed (errno {created}).");
            }

            if (UnixFileSystem.TryLStat(target, out _))
            {
                return false;
            }

            File.Move(temp, target, overwrite: false);
            return true;
        }

        // A writer that does not take the lock (a script appending a line) must not write to the file being replaced
        // after it was compared. A read lease is granted only while nobody holds the file open for writing, and while
        // it is held, opening the file for writing waits: so the compare, the swap and the check that nobody started
        // to write in between all happen with no writer on the old file. Where leases do not work, the displaced file
        // is compared after the swap, which leaves a window of microseconds.
        using UnixFileSystem.ReadLease? lease = LeaseWithoutWriters(target);
        if (lease is not null && !lease.Info.Unchanged(basisInfo!.Value))
        {
            return false;
        }

        // The lease says the basis was not written to, not that it is still the file at the target name: a file renamed
        // over it since the lease was taken (codex does that) is caught here, one lstat before the exchange, instead
        // of after it, where putting it back exposes our version for a moment.
        if (UnixFileSystem.TryLStat(target, out UnixFileInfo atTarget) && !atTarget.SameEntry(basisInfo!.Value))
        {
            return false;
        }

        int? exchanged = lease is null && !UnixFileSystem.TryLStat(target, out _) ? UnixFileSystem.ErrorNoEntry : UnixFileSystem.Exchange(temp, target);
        if (exchanged == UnixFileSystem.ErrorNoEntry)
        {
            return false;
        }

        if (exchanged is null)
        {
            // No exchange here: the last check is right before the rename.
            (byte[]? now, UnixFileInfo? nowInfo) = basis is null ? (null, StatCurrent(target)) : ReadCurrent(target);
            if ((basis is not null && !SameBytes(now, basis)) || nowInfo is not { } n || !n.Unchanged(basisInfo!.Value))
            {
                return false;
            }

            File.Move(temp, target, overwrite: true);
            return true;
        }

        if (exchanged != 0)
        {
            throw new IOException($"renameat2 failed (errno {exchanged}).");
        }

        if (!SettleExchange(target, temp, written, basisInfo!.Value, basis, lease?.WriterWaiting == true))
        {
            return false;
        }

        // Asked once more as the last thing before the lease goes: an appender whose open found the old file just
        // before the exchange reaches the lease a moment later, and it writes to the displaced file once the lease is
        // released. Put back, that file is config.toml again and the append lands there.
        if (lease?.WriterWaiting == true)
        {
            PutBack(target, temp, placed: written);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Decides, right after the exchange, whether the new version stays: true when what it displaced is exactly what
    /// the new bytes were made from and the new version still stands at the target name. A writer that takes no lock
    /// (`codex mcp add`: a temporary file renamed over config.toml) can rename its file onto the target at any instant,
    /// so nothing is ever taken out of the target name that this writer did not put there:
    /// <list type="bullet">
    /// <item>their file arrived after the exchange: it is newer than both ours and what the exchange displaced, and it
    /// stays (what it displaced was ours; a writer that read ours built on it, one that read the displaced version
    /// built on what ours was made from); false, and the edit is made again from theirs;</item>
    /// <item>the displaced version is not what the edit was based on (someone wrote between the last look and the
    /// exchange, or a writer waits to write to the displaced file): it is put back by <see cref="PutBack"/>.</item>
    /// </list>
    /// The identity checks come first and cost two lstat calls, so a version that must come out again stands at the
    /// target name for microseconds only: the one window left. A writer that renames its file in within the
    /// microseconds between the last lstat and the exchange (or between the check and the put-back), and then reads
    /// config.toml again within the next microseconds and writes what it read, loses its first write; no lock-free
    /// writer can be protected from that, and `codex mcp add` (a new process for each write) never reads that fast. (A write lease on the new version would make such a reader
    /// wait, but codex opens config.toml without blocking and fails on a leased file with EAGAIN: 0.169 and 0.171
    /// abort `codex mcp add` with "Resource temporarily unavailable".)
    /// </summary>
    internal static bool SettleExchange(string target, string temp, UnixFileInfo written, UnixFileInfo basisInfo, byte[]? basis, bool writerWaiting)
    {
        bool displacedIsBasis = !writerWaiting && UnixFileSystem.TryLStat(temp, out UnixFileInfo displaced) && displaced.Unchanged(basisInfo);
        if (!UnixFileSystem.TryLStat(target, out UnixFileInfo standing) || !standing.SameEntry(written))
        {
            return false;
        }

        if (displacedIsBasis && basis is not null)
        {
            // Same file, size and time; the bytes decide (a same-size rewrite within one tick of the clock).
            (byte[]? bytes, UnixFileInfo? info) = ReadCurrentOrLink(temp);
            displacedIsBasis = SameBytes(bytes, basis) && info is { } d && d.Unchanged(basisInfo);
        }

        if (displacedIsBasis)
        {
            return true;
        }

        PutBack(target, temp, placed: written);
        return false;
    }

    /// <summary>
    /// Puts the file at <paramref name="temp"/> back at <paramref name="target"/>, where this writer had put
    /// <paramref name="placed"/>. An exchange takes out whatever stands there at that instant: when that is
    /// <paramref name="placed"/>, done. When it is not, another writer renamed theirs onto the target meanwhile; theirs
    /// is newer than what was just put back, so it goes in again, and what was just put back is what must come out
    /// next. A target removed meanwhile gets the displaced version back unless someone created a newer one.
    /// </summary>
    internal static void PutBack(string target, string temp, UnixFileInfo placed)
    {
        if (!UnixFileSystem.TryLStat(temp, out UnixFileInfo held))
        {
            return;
        }

        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            int? back = UnixFileSystem.Exchange(temp, target);
            if (back == UnixFileSystem.ErrorNoEntry)
            {
                int? created = UnixFileSystem.RenameIfAbsent(temp, target);
                if (created is 0 or UnixFileSystem.ErrorExists or UnixFileSystem.ErrorNoEntry)
                {
                    return;
                }

                throw KeepAside(target, temp, $"rename failed (errno {created})");
            }

            if (back != 0)
            {
                throw KeepAside(target, temp, $"renameat2 failed (errno {back})");
            }

            if (!UnixFileSystem.TryLStat(temp, out UnixFileInfo takenOut) || takenOut.SameEntry(placed))
            {
                return;
            }

            placed = held;
            held = takenOut;
        }

        throw KeepAside(target, temp, $"other writers replaced it {MaxAttempts} times in a row");
    }

    /// <summary>
    /// The version that could not be put back is kept under a name of its own (a temporary file is deleted on the way
    /// out), and the error names it.
    /// </summary>
    private static IOException KeepAside(string target, string temp, string why)
    {
        for (int n = 1; n < MaxBackups; n++)
        {
            string kept = $"{target}.kept.{n.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            int? moved = UnixFileSystem.RenameIfAbsent(temp, kept);
            if (moved == 0)
            {
                return new IOException($"Could not put back {target} while other writers replaced it ({why}); the version it held is kept in {kept}.");
            }

            if (moved != UnixFileSystem.ErrorExists)
            {
                break;
            }
        }

        return new IOException($"Could not put back {target} while other writers replaced it ({why}); the version it held is in {temp}.");
    }

    /// <summary>A read lease on the file once no writer holds it (waiting up to a second), or null where leases do not work or a writer keeps it.</summary>
    private static UnixFileSystem.ReadLease? LeaseWithoutWriters(string path)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            UnixFileSystem.ReadLease? lease = UnixFileSystem.TryReadLease(path, out bool busy);
            if (lease is not null || !busy || waited.ElapsedMilliseconds > 1000)
            {
                return lease;
            }

            Thread.Sleep(1);
        }
    }

    /// <summary>The folder the file goes into: refused when marked read-only (even for root) or when it is not a folder.</summary>
    private static UnixFileInfo CheckFolder(string target, string folder)
    {
        if (!UnixFileSystem.TryLStat(folder, out UnixFileInfo info) || !info.IsDirectory)
        {
            throw WriteFailed(target, new DirectoryNotFoundException($"The folder {folder} does not exist."));
        }

        if ((info.Permissions & 0b010_000_000) == 0)
        {
            throw ReadOnly(target, $"its folder {folder} is marked read-only");
        }

        return info;
    }

    /// <summary>Refuses a file marked read-only (no owner write bit), even for root: someone marked it so on purpose.</summary>
    private static void ThrowIfReadOnly(string target, UnixFileInfo info)
    {
        if (!info.IsRegularFile)
        {
            throw WriteFailed(target, new IOException("It is not a regular file."));
        }

        if ((info.Permissions & 0b010_000_000) == 0)
        {
            throw ReadOnly(target, "the file is marked read-only");
        }

        using SafeFileHandle probe = UnixFileSystem.Open(target, UnixFileSystem.WriteOnly, 0, out int errno);
        if (probe.IsInvalid && errno is UnixFileSystem.ErrorAccess or UnixFileSystem.ErrorPermission)
        {
            throw ReadOnly(target, "this account may not write it");
        }
    }

    /// <summary>The file's bytes and identity, read without following a link; (null, null) when there is none.</summary>
    private static (byte[]? Bytes, UnixFileInfo? Info) ReadCurrent(string path)
    {
        (byte[]? bytes, UnixFileInfo? info) = ReadCurrentOrLink(path);
        if (bytes is null && UnixFileSystem.TryLStat(path, out UnixFileInfo entry) && entry.IsLink)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigLinkRefused, IssueKind.ReadError,
                $"{path} became a link while it was being changed; nothing was written through it.", path, Target: path,
                RecommendedAction: "Run the command again; a link is followed only when its owner could have written its target."));
        }

        return (bytes, info);
    }

    /// <summary>The file's identity, size and time without reading it (a link is refused as <see cref="ReadCurrent"/> does); null when there is none.</summary>
    private static UnixFileInfo? StatCurrent(string path)
    {
        using SafeFileHandle fd = UnixFileSystem.Open(path, UnixFileSystem.ReadOnly, 0, out int errno);
        if (!fd.IsInvalid)
        {
            return UnixFileSystem.FStat(fd);
        }

        if (errno == UnixFileSystem.ErrorLoop || (UnixFileSystem.TryLStat(path, out UnixFileInfo entry) && entry.IsLink))
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigLinkRefused, IssueKind.ReadError,
                $"{path} became a link while it was being changed; nothing was written through it.", path, Target: path,
                RecommendedAction: "Run the command again; a link is followed only when its owner could have written its target."));
        }

        if (errno == UnixFileSystem.ErrorNoEntry)
        {
            return null;
        }

        throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigUnreadable, IssueKind.ReadError,
            $"{path} cannot be read (errno {errno}); nothing was written.", path, Target: path,
            RecommendedAction: "Check that this account may read it."));
    }

    private static (byte[]? Bytes, UnixFileInfo? Info) ReadCurrentOrLink(string path)
    {
        using SafeFileHandle fd = UnixFileSystem.Open(path, UnixFileSystem.ReadOnly, 0, out int errno);
        if (fd.IsInvalid)
        {
            if (errno == UnixFileSystem.ErrorNoEntry || errno == UnixFileSystem.ErrorLoop)
            {
                return (null, null);
            }

            throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigUnreadable, IssueKind.ReadError,
                $"{path} cannot be read (errno {errno}); nothing was written.", path, Target: path,
                RecommendedAction: "Check that this account may read it."));
        }

        UnixFileInfo info = UnixFileSystem.FStat(fd);
        if (!info.IsRegularFile)
        {
            return (Array.Empty<byte>(), info);
        }

        using var stream = new FileStream(fd, FileAccess.Read, 1);
        using var buffer = new MemoryStream(info.Size > 0 && info.Size < int.MaxValue ? (int)info.Size : 0);
        stream.CopyTo(buffer);
        // Size and times after the read: what the bytes were read from, so a later look can tell whether it moved.
        return (buffer.ToArray(), UnixFileSystem.FStat(fd));
    }

    private static string TemporaryName(string folder, string target) =>
        Path.Combine(folder, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");

    /// <summary>
    /// The new version under a fresh name, created by this call only (O_EXCL, no link followed), readable by this
    /// account alone until it has the old file's owner and mode, set on the handle, and flushed to disk.
    /// </summary>
    private static UnixFileInfo WriteTemporary(string target, string temp, byte[] bytes, UnixFileInfo? original, UnixFileInfo folder)
    {
        RemoveStaleTemporaryFiles(Path.GetDirectoryName(temp)!, Path.GetFileName(target));
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
            UnixFileSystem.SetOwnerAndMode(fd, o.Uid, o.Gid, o.Permissions);
        }
        else if (UnixFileSystem.EffectiveUserId == 0 && folder.Uid != 0)
        {
            // Root creating a file in someone's folder gives it to them, as it would be had they created it.
            UnixFileSystem.SetOwnerAndMode(fd, folder.Uid, folder.Gid, UnixFileSystem.FStat(fd).Permissions);
        }

        UnixFileSystem.Sync(fd);
        return UnixFileSystem.FStat(fd);
    }

    /// <summary>The previous version under a name nothing stands at, owned like the file; refused with ConfigBackupFailed otherwise.</summary>
    private static string WriteBackup(string target, byte[] previous, UnixFileInfo original) =>
        WriteBackup(target, new MemoryStream(previous, writable: false), original);

    /// <summary>As above, copying <paramref name="previous"/> through a bounded buffer (the file may be larger than memory).</summary>
    private static string WriteBackup(string target, Stream previous, UnixFileInfo original)
    {
        for (int n = 0; n < MaxBackups; n++)
        {
            string name = target + BackupSuffix + (n == 0 ? string.Empty : "." + n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using SafeFileHandle fd = UnixFileSystem.Open(name, UnixFileSystem.WriteOnly | UnixFileSystem.Create | UnixFileSystem.Exclusive, OwnerOnly, out int errno);
            if (fd.IsInvalid)
            {
                if (errno == UnixFileSystem.ErrorExists)
                {
                    continue;
                }

                throw BackupFailed(target, name, $"it cannot be created (errno {errno})", null);
            }

            try
            {
                long copied = CopyTo(previous, fd);
                UnixFileSystem.SetOwnerAndMode(fd, original.Uid, original.Gid, original.Permissions);
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
                throw BackupFailed(target, name, ex.Message, ex);
            }
        }

        throw BackupFailed(target, target + BackupSuffix, $"{MaxBackups} earlier backups stand beside it", null);
    }

    private static void DeleteBackup(ref string? backupPath)
    {
        if (backupPath is not null)
        {
            if (OperatingSystem.IsWindows())
            {
                TryDelete(backupPath);
            }
            else
            {
                UnixFileSystem.Unlink(backupPath);
            }

            backupPath = null;
        }
    }

    private static AtomicWriteResult ReplaceOnWindows(string target, byte[]? basis, byte[] bytes, Func<byte[]?, byte[]?>? rebase, bool backup)
    {
        string folder = Path.GetDirectoryName(target)!;
        byte[]? current = File.Exists(target) ? File.ReadAllBytes(target) : null;
        bool rebased = false;
        if (rebase is not null && !SameBytes(current, basis))
        {
            byte[]? again = rebase(current);
            if (again is null)
            {
                return new AtomicWriteResult(false, null, true, null);
            }

            bytes = again;
            rebased = true;
        }

        if (current is not null && File.GetAttributes(target).HasFlag(FileAttributes.ReadOnly))
        {
            throw ReadOnly(target, "the file is marked read-only");
        }

        string temp = TemporaryName(folder, target);
        string? backupPath = null;
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                fs.Write(bytes);
                fs.Flush(flushToDisk: true);
            }

            if (backup && current is not null)
            {
                backupPath = WindowsBackup(target, current);
            }

            if (current is not null)
            {
                // ReplaceFile keeps the original's ACL and attributes.
                File.Replace(temp, target, null, ignoreMetadataErrors: true);
            }
            else
            {
                File.Move(temp, target, overwrite: false);
            }

            return new AtomicWriteResult(true, backupPath, rebased, bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            DeleteBackup(ref backupPath);
            throw WriteFailed(target, ex);
        }
    }

    private static string WindowsBackup(string target, byte[] previous) =>
        WindowsBackup(target, name =>
        {
            using var fs = new FileStream(name, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            fs.Write(previous);
            fs.Flush(flushToDisk: true);
        });

    private static string WindowsBackup(string target, Action<string> writeNew)
    {
        for (int n = 0; n < MaxBackups; n++)
        {
            string name = target + BackupSuffix + (n == 0 ? string.Empty : "." + n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            try
            {
                writeNew(name);
                return name;
            }
            catch (IOException) when (File.Exists(name) || Directory.Exists(name))
            {
            }
        }

        throw BackupFailed(target, target + BackupSuffix, $"{MaxBackups} earlier backups stand beside it", null);
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

    private static bool SameBytes(byte[]? a, byte[]? b) =>
        a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

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

    private static CodexIssueException ReadOnly(string path, string reason) =>
        new(new CodexIssue(ErrorIds.ConfigReadOnly, IssueKind.ReadError,
            $"{path} cannot be changed: {reason}. Nothing was written.", path, Target: path,
            RecommendedAction: "Make the file and its folder writable (chmod u+w, or clear the read-only attribute) if it should be changed, or write to another scope."));

    private static CodexIssueException WriteFailed(string path, Exception ex) =>
        new(new CodexIssue(ErrorIds.ConfigWriteFailed, IssueKind.ReadError,
            $"Writing {path} failed: {ex.Message} The original file is unchanged.", path, Target: path,
            RecommendedAction: "Check that this account may create files in the folder and that the disk has room."), ex);

    private static CodexIssueException BackupFailed(string path, string backup, string why, Exception? inner) =>
        new(new CodexIssue(ErrorIds.ConfigBackupFailed, IssueKind.ReadError,
            $"The backup {backup} could not be written ({why}); {path} was not changed.", path, Target: path,
            RecommendedAction: "Free disk space or remove old backups beside the file, or run the command without -Backup."), inner);
}
