using System.Text;
using Codex.Plugins.Configuration.Editing;
using Microsoft.Win32.SafeHandles;

namespace Codex.Plugins.Configuration;

/// <summary>
/// Reads a file that a home's owner controls. What stands at the name may be a FIFO or a device instead of a file: a
/// plain open of a FIFO waits for a writer that never comes, and /dev/zero never ends, so one planted name would hang
/// an administrator's job over every home. The file is opened without waiting and refused unless it is a regular file
/// (an IOException that says what it is, which each reader reports as it reports an unreadable file). Links are
/// followed, as Codex follows them, but only to what their owner could read (<see cref="LinkOwnerAccess"/>): a link
/// the owner planted towards root's files reads nothing of them. Exceptions otherwise match <see cref="File"/>'s.
/// </summary>
internal static class RegularFile
{
    /// <summary>
    /// Opened for one read; the caller disposes it. <paramref name="followLinks"/> false: a link at the name is refused
    /// (an IOException), for a file that is read and then replaced in place, where reading through a link planted for a
    /// moment would put what it points at into the file.
    /// </summary>
    public static FileStream OpenRead(string path, int bufferSize = 4096, bool followLinks = true)
    {
        if (OperatingSystem.IsWindows())
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize, FileOptions.SequentialScan);
        }

        SafeFileHandle fd = UnixFileSystem.OpenExisting(path, UnixFileSystem.ReadOnly, followLinks, out int errno);
        if (fd.IsInvalid)
        {
            fd.Dispose();
            throw !followLinks && errno == UnixFileSystem.ErrorLoop
                ? new IOException($"{path} became a link while it was being read; nothing was read through it.")
                : OpenFailed(path, errno);
        }

        try
        {
            UnixFileInfo info = UnixFileSystem.FStat(fd);
            if (info.IsDirectory)
            {
                throw new UnauthorizedAccessException($"Access to the path '{path}' is denied: it is a folder.");
            }

            if (!info.IsRegularFile)
            {
                throw new IOException($"{path} is {Kind(info.Mode)}, not a regular file; it was not read.");
            }

            if (followLinks)
            {
                LinkOwnerAccess.ThrowIfUnreadableByLinkOwners(path, fd);
            }

            return new FileStream(fd, FileAccess.Read, bufferSize);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    public static byte[] ReadAllBytes(string path, bool followLinks = true)
    {
        using FileStream stream = OpenRead(path, bufferSize: 1, followLinks);
        long length = stream.Length;
        using var buffer = new MemoryStream(length > 0 && length < int.MaxValue ? (int)length : 0);
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>As <see cref="File.ReadAllText(string)"/>: UTF-8 unless a byte order mark says otherwise.</summary>
    public static string ReadAllText(string path)
    {
        using var reader = new StreamReader(OpenRead(path), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>A reader over the file's text in <paramref name="encoding"/>.</summary>
    public static StreamReader OpenText(string path, Encoding encoding, bool detectEncodingFromByteOrderMarks) =>
        new(OpenRead(path), encoding, detectEncodingFromByteOrderMarks);

    private static string Kind(int mode) => (mode & 0xF000) switch
    {
        0x1000 => "a FIFO (named pipe)",
        0x2000 => "a character device",
        0x6000 => "a block device",
        0xC000 => "a socket",
        _ => "not a file",
    };

    private static Exception OpenFailed(string path, int errno) => errno switch
    {
        2 when Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(path))) => new FileNotFoundException($"Could not find file '{path}'.", path),
        2 or 20 => new DirectoryNotFoundException($"Could not find a part of the path '{path}'."),
        1 or 13 => new UnauthorizedAccessException($"Access to the path '{path}' is denied."),
        _ => new IOException($"{path} cannot be opened (errno {errno}).", errno),
    };
}
