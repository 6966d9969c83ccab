namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>
/// A plugin folder listed once, depth first as the file scan visits it: every folder's entries in ordinal order, links
/// not followed, .git not entered. The skill scan reads its folders from here too instead of listing them again
/// (listing folders is most of what checking a small plugin costs); a folder the walk did not list is listed then.
/// </summary>
internal sealed class PluginTree
{
    private readonly Dictionary<string, FileSystemInfo[]> listed = new(StringComparer.Ordinal);

    private PluginTree()
    {
    }

    /// <summary>The folders in the file scan's order; a folder that could not be listed carries the error instead.</summary>
    public List<Folder> Folders { get; } = new();

    public static PluginTree Walk(string root)
    {
        var tree = new PluginTree();
        if (!Directory.Exists(root))
        {
            return tree;
        }

        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(root));
        while (pending.Count > 0)
        {
            DirectoryInfo dir = pending.Pop();
            FileSystemInfo[] entries;
            try
            {
                entries = dir.GetFileSystemInfos();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                tree.Folders.Add(new Folder(dir.FullName, Array.Empty<FileSystemInfo>(), ex));
                continue;
            }

            Array.Sort(entries, (a, b) => string.CompareOrdinal(a.Name, b.Name));
            tree.Folders.Add(new Folder(dir.FullName, entries, null));
            tree.listed[Path.TrimEndingDirectorySeparator(dir.FullName)] = entries;
            foreach (FileSystemInfo entry in entries)
            {
                if (entry is DirectoryInfo sub && sub.Name != ".git" && !IsLink(entry))
                {
                    pending.Push(sub);
                }
            }
        }

        return tree;
    }

    /// <summary>The entries of a folder: as listed by the walk, else listed now (throws as listing a folder throws).</summary>
    public FileSystemInfo[] List(string directory) =>
        listed.TryGetValue(Path.TrimEndingDirectorySeparator(directory), out FileSystemInfo[]? entries)
            ? (FileSystemInfo[])entries.Clone()
            : new DirectoryInfo(directory).GetFileSystemInfos();

    /// <summary>
    /// What the walk's listings say is at <paramref name="path"/> (for <see cref="Configuration.PathProbe"/>): a folder
    /// it listed; an entry of a listed folder (a link, whose target the listing does not know, is Unknown); Missing when
    /// the name is not in its listed folder, or its folder's name is not in the listed folder above (or is a file
    /// there). Paths that are not absolute and normalized (. or .., a trailing separator) are Unknown.
    /// </summary>
    public Configuration.PathKind Lookup(string path)
    {
        if (!Path.IsPathFullyQualified(path) || Path.EndsInDirectorySeparator(path) || !IsNormalized(path))
        {
            return Configuration.PathKind.Unknown;
        }

        if (listed.ContainsKey(path))
        {
            return Configuration.PathKind.Directory;
        }

        string? folder = Path.GetDirectoryName(path);
        if (folder is null)
        {
            return Configuration.PathKind.Unknown;
        }

        if (Entry(folder, Path.GetFileName(path)) is (true, var entry))
        {
            return entry is null ? Configuration.PathKind.Missing
                : IsLink(entry) ? Configuration.PathKind.Unknown
                : entry is DirectoryInfo ? Configuration.PathKind.Directory : Configuration.PathKind.File;
        }

        // The folder was not listed: known missing when the folder itself is not there, or is a file.
        return Path.GetDirectoryName(folder) is { } above && Entry(above, Path.GetFileName(folder)) is (true, var parent)
            && (parent is null || (parent is not DirectoryInfo && !IsLink(parent)))
            ? Configuration.PathKind.Missing
            : Configuration.PathKind.Unknown;
    }

    // As Path.GetFullPath would leave it (no empty, . or .. segment), without building its copy (5% of a small plugin's check).
    private static bool IsNormalized(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return string.Equals(Path.GetFullPath(path), path, StringComparison.Ordinal);
        }

        for (int i = 0; i < path.Length - 1; i++)
        {
            if (path[i] != '/')
            {
                continue;
            }

            int dots = 0;
            while (i + 1 + dots < path.Length && path[i + 1 + dots] == '.')
            {
                dots++;
            }

            bool segmentEnds = i + 1 + dots == path.Length || path[i + 1 + dots] == '/';
            if (path[i + 1] == '/' || (segmentEnds && dots is 1 or 2))
            {
                return false;
            }
        }

        return true;
    }

    // Whether the folder was listed, and the entry of that name in it (null when there is none).
    private (bool Listed, FileSystemInfo? Entry) Entry(string folder, string name)
    {
        if (!listed.TryGetValue(folder, out FileSystemInfo[]? entries))
        {
            return (false, null);
        }

        int lo = 0, hi = entries.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = string.CompareOrdinal(entries[mid].Name, name);
            if (c == 0)
            {
                return (true, entries[mid]);
            }

            (lo, hi) = c < 0 ? (mid + 1, hi) : (lo, mid - 1);
        }

        return (true, null);
    }

    /// <summary>
    /// Whether the entry is a symbolic link. The attributes come with the entry's status, which a file's size needs
    /// anyway; only an entry they mark as a reparse point costs a readlink.
    /// </summary>
    public static bool IsLink(FileSystemInfo entry) =>
        (entry.Attributes & FileAttributes.ReparsePoint) != 0 && entry.LinkTarget is not null;

    /// <summary>Whether <paramref name="path"/> is <paramref name="root"/> or lies under it.</summary>
    public static bool IsInside(string root, string path)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        return full == root || full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    public sealed record Folder(string Path, FileSystemInfo[] Entries, Exception? Error);
}
