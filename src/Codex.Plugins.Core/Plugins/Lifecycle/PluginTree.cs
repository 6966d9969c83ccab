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
    /// Whether a file (anything but a folder, links followed) is at <paramref name="path"/>, as <see
    /// cref="File.Exists(string)"/> answers: from the walk's listings where they tell (the name is not in its listed
    /// folder, or its folder's name is not in the listed folder above), else by asking the file system (a link on the
    /// way, a folder the walk did not list).
    /// </summary>
    public bool FileExists(string path)
    {
        string? folder = Path.GetDirectoryName(path);
        if (folder is not null && Entry(folder, Path.GetFileName(path)) is var (listedFolder, entry) && listedFolder)
        {
            if (entry is null)
            {
                return false;
            }

            if (!IsLink(entry))
            {
                return entry is not DirectoryInfo;
            }
        }
        else if (folder is not null && Path.GetDirectoryName(folder) is { } above && Entry(above, Path.GetFileName(folder)) is (true, null))
        {
            return false;
        }

        return File.Exists(path);
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
