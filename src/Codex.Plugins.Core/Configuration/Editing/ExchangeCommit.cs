namespace Codex.Plugins.Configuration.Editing;

/// <summary>
/// The last step of a replacement: the temporary file is exchanged with the target (renameat2 RENAME_EXCHANGE) under a
/// read lease, and what it displaced decides whether the new version stays or is put back, so that writers that do
/// not take the lock lose nothing.
/// </summary>
internal static class ExchangeCommit
{
    /// <summary>
    /// Puts the temporary file in the target's place. True when what it displaced is exactly what the new bytes were
    /// made from (<paramref name="basisInfo"/> null: nothing stood there); otherwise the displaced entry is put back
    /// (the temporary name then holds our bytes) and false is returned. Without <paramref name="basis"/> bytes (a
    /// streamed write, larger than memory may be) "exactly" is the same file, size and modification time.
    /// </summary>
    internal static bool SwapIn(string target, string temp, UnixFileInfo written, UnixFileInfo? basisInfo, byte[]? basis)
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
            (byte[]? now, UnixFileInfo? nowInfo) = basis is null ? (null, CurrentFile.Stat(target)) : CurrentFile.Read(target);
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
            (byte[]? bytes, UnixFileInfo? info) = CurrentFile.ReadOrLink(temp);
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

        for (int attempt = 0; attempt < AtomicFile.MaxAttempts; attempt++)
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

        throw KeepAside(target, temp, $"other writers replaced it {AtomicFile.MaxAttempts} times in a row");
    }

    /// <summary>
    /// The version that could not be put back is kept under a name of its own (a temporary file is deleted on the way
    /// out), and the error names it.
    /// </summary>
    private static IOException KeepAside(string target, string temp, string why)
    {
        for (int n = 1; n < BackupFile.MaxBackups; n++)
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

    internal static bool SameBytes(byte[]? a, byte[]? b) =>
        a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);
}
