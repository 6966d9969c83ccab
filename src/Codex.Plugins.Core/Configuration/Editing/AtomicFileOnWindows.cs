namespace Codex.Plugins.Configuration.Editing;

/// <summary>
/// <see cref="AtomicFile"/> on Windows: a temporary file created new beside the target and swapped in with ReplaceFile,
/// which keeps the original's ACL and attributes.
/// </summary>
internal static class AtomicFileOnWindows
{
    internal static string? WriteStreamed(string target, Action<Stream> writeContent, bool backup)
    {
        string folder = Path.GetDirectoryName(target)!;
        bool exists = File.Exists(target);
        if (exists && File.GetAttributes(target).HasFlag(FileAttributes.ReadOnly))
        {
            throw WriteErrors.ReadOnly(target, "the file is marked read-only");
        }

        string temp = TemporaryFile.NameBeside(folder, target);
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
                backupPath = Backup(target, name => File.Copy(target, name, overwrite: false));
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
            TemporaryFile.TryDelete(temp);
            BackupFile.Delete(ref backupPath);
            throw WriteErrors.WriteFailed(target, ex);
        }
        catch
        {
            TemporaryFile.TryDelete(temp);
            BackupFile.Delete(ref backupPath);
            throw;
        }
    }

    internal static AtomicWriteResult Replace(string target, byte[]? basis, byte[] bytes, Func<byte[]?, byte[]?>? rebase, bool backup)
    {
        string folder = Path.GetDirectoryName(target)!;
        byte[]? current = File.Exists(target) ? File.ReadAllBytes(target) : null;
        bool rebased = false;
        if (rebase is not null && !ExchangeCommit.SameBytes(current, basis))
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
            throw WriteErrors.ReadOnly(target, "the file is marked read-only");
        }

        string temp = TemporaryFile.NameBeside(folder, target);
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
                backupPath = Backup(target, current);
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
            TemporaryFile.TryDelete(temp);
            BackupFile.Delete(ref backupPath);
            throw WriteErrors.WriteFailed(target, ex);
        }
    }

    private static string Backup(string target, byte[] previous) =>
        Backup(target, name =>
        {
            using var fs = new FileStream(name, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            fs.Write(previous);
            fs.Flush(flushToDisk: true);
        });

    private static string Backup(string target, Action<string> writeNew)
    {
        for (int n = 0; n < BackupFile.MaxBackups; n++)
        {
            string name = target + BackupFile.BackupSuffix + (n == 0 ? string.Empty : "." + n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            try
            {
                writeNew(name);
                return name;
            }
            catch (IOException) when (File.Exists(name) || Directory.Exists(name))
            {
            }
        }

        throw WriteErrors.BackupFailed(target, target + BackupFile.BackupSuffix, $"{BackupFile.MaxBackups} earlier backups stand beside it", null);
    }
}
