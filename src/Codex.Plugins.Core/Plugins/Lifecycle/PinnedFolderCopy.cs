using Codex.Plugins.Configuration.Editing;
using Microsoft.Win32.SafeHandles;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>
/// Copies a folder that its owner may change while it is copied: a plugin in a user's marketplace, copied by root into
/// the cache. A look at an entry followed by a copy by its path lets the owner swap the entry for a link in between,
/// and root would copy what the link points at (a file the owner may not read, or a whole root-only folder) into the
/// cache, where the owner reads it. Here every folder is opened once without following a link, and read and written
/// only through its open handle (/proc/self/fd/N names exactly the folder that was opened, whatever is renamed over its
/// path); every file is opened without following a link and copied from that handle only when it is a regular file;
/// every new file is created O_EXCL without following a link. Links, FIFOs and devices are left out, as codex leaves
/// links out. Linux only (it needs /proc/self/fd); elsewhere the path-based copy is used.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class PinnedFolderCopy
{
    public static bool Supported => Directory.Exists("/proc/self/fd");

    /// <summary>Copies <paramref name="source"/> into <paramref name="target"/> (created when missing).</summary>
    public static void Copy(string source, string target)
    {
        using SafeFileHandle from = OpenFolder(source);
        Directory.CreateDirectory(target);
        using SafeFileHandle to = OpenFolder(target);
        CopyInto(from, to);
    }

    private static void CopyInto(SafeFileHandle from, SafeFileHandle to)
    {
        string fromPath = Pinned(from);
        string toPath = Pinned(to);
        foreach (string entry in Directory.EnumerateFileSystemEntries(fromPath))
        {
            string name = Path.GetFileName(entry);
            using SafeFileHandle fd = UnixFileSystem.OpenExisting(Path.Combine(fromPath, name), UnixFileSystem.ReadOnly, followLinks: false, out int errno);
            if (fd.IsInvalid)
            {
                if (errno == UnixFileSystem.ErrorLoop || errno == UnixFileSystem.ErrorNoEntry)
                {
                    // A link (left out, as codex leaves it out), or an entry removed since the folder was listed.
                    continue;
                }

                throw new IOException($"{Path.Combine(PathOf(from), name)} cannot be opened (errno {errno}).");
            }

            UnixFileInfo info = UnixFileSystem.FStat(fd);
            string destination = Path.Combine(toPath, name);
            if (info.IsDirectory)
            {
                Directory.CreateDirectory(destination);
                using SafeFileHandle into = OpenFolder(destination);
                CopyInto(fd, into);
            }
            else if (info.IsRegularFile)
            {
                CopyFile(fd, destination, info.Permissions & 0x1FF);
            }
        }
    }

    private static void CopyFile(SafeFileHandle source, string destination, int mode)
    {
        using SafeFileHandle created = UnixFileSystem.Open(destination, UnixFileSystem.WriteOnly | UnixFileSystem.Create | UnixFileSystem.Exclusive, 0b110_000_000, out int errno);
        if (created.IsInvalid)
        {
            throw new IOException($"{destination} cannot be created (errno {errno}).");
        }

        using var input = new FileStream(source, FileAccess.Read, 1, isAsync: false);
        using var output = new FileStream(created, FileAccess.Write, 1 << 16, isAsync: false);
        input.CopyTo(output);
        output.Flush();
        // As File.Copy: the source's read, write and execute bits (never setuid or setgid).
        File.SetUnixFileMode(created, (UnixFileMode)mode);
    }

    /// <summary>A folder opened without following a link in its last component; an IOException when it is anything else.</summary>
    private static SafeFileHandle OpenFolder(string path)
    {
        SafeFileHandle fd = UnixFileSystem.OpenExisting(path, UnixFileSystem.ReadOnly, followLinks: false, out int errno);
        if (fd.IsInvalid)
        {
            fd.Dispose();
            throw new IOException(errno == UnixFileSystem.ErrorLoop
                ? $"{path} became a link while it was being copied; nothing was copied through it."
                : $"{path} cannot be opened (errno {errno}).");
        }

        if (!UnixFileSystem.FStat(fd).IsDirectory)
        {
            fd.Dispose();
            throw new IOException($"{path} is not a folder.");
        }

        return fd;
    }

    private static string Pinned(SafeFileHandle folder) => $"/proc/self/fd/{folder.DangerousGetHandle()}";

    private static string PathOf(SafeFileHandle folder)
    {
        try
        {
            return Directory.ResolveLinkTarget(Pinned(folder), returnFinalTarget: false)?.FullName ?? Pinned(folder);
        }
        catch (IOException)
        {
            return Pinned(folder);
        }
    }
}
