using System.Security.Cryptography;
using System.Text;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>
/// Plugin folders copied and compared the way codex plugin add copies them: folders and regular files only (a link
/// is neither, so it is left out), recursively.
/// </summary>
public static class PluginFolder
{
    /// <summary>Copies <paramref name="source"/> to a new folder <paramref name="target"/> (which must not exist).</summary>
    public static void Copy(string source, string target)
    {
        if (OperatingSystem.IsLinux() && PinnedFolderCopy.Supported)
        {
            PinnedFolderCopy.Copy(source, target);
            return;
        }

        Directory.CreateDirectory(target);
        foreach (FileSystemInfo entry in new DirectoryInfo(source).GetFileSystemInfos())
        {
            if (entry.LinkTarget is not null)
            {
                continue;
            }

            string to = Path.Combine(target, entry.Name);
            if (entry is DirectoryInfo)
            {
                Copy(entry.FullName, to);
            }
            else
            {
                File.Copy(entry.FullName, to);
            }
        }
    }

    /// <summary>Every file codex would copy, as relative paths with '/' separators, in ordinal order.</summary>
    public static IReadOnlyList<string> Files(string root)
    {
        var found = new List<string>();
        void Walk(string dir)
        {
            foreach (FileSystemInfo entry in new DirectoryInfo(dir).GetFileSystemInfos())
            {
                if (entry.LinkTarget is not null)
                {
                    continue;
                }

                if (entry is DirectoryInfo)
                {
                    Walk(entry.FullName);
                }
                else
                {
                    found.Add(Path.GetRelativePath(root, entry.FullName).Replace('\\', '/'));
                }
            }
        }

        if (Directory.Exists(root))
        {
            Walk(root);
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }

    /// <summary>A SHA-256 over every copied file's relative path and bytes: equal when codex would install the same files.</summary>
    public static string ContentHash(string root)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string relative in Files(root))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(relative + "\0"));
            byte[] bytes = Configuration.RegularFile.ReadAllBytes(Path.Combine(root, relative));
            hash.AppendData(BitConverter.GetBytes((long)bytes.Length));
            hash.AppendData(bytes);
        }

        return "sha256:" + Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    /// <summary>
    /// Puts a complete copy of <paramref name="source"/> at <paramref name="target"/>: copied beside it first, then
    /// swapped in by rename, so a reader sees the old folder or the new one, never a half-copied one.
    /// </summary>
    public static void Replace(string source, string target)
    {
        string parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(target))!;
        Directory.CreateDirectory(parent);
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(target));
        string staged = Path.Combine(parent, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.new");
        string old = Path.Combine(parent, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.old");
        try
        {
            Copy(source, staged);
            if (Directory.Exists(target))
            {
                Directory.Move(target, old);
            }

            Directory.Move(staged, target);
        }
        catch
        {
            if (Directory.Exists(old) && !Directory.Exists(target))
            {
                Directory.Move(old, target);
            }

            DeleteQuietly(staged);
            throw;
        }

        DeleteQuietly(old);
    }

    public static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
