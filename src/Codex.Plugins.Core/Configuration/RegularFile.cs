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

        SafeFileHandle fd = OpenChecked(path, followLinks, out _);
        try
        {
            return new FileStream(fd, FileAccess.Read, bufferSize);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    /// <summary>
    /// From here until the result is disposed, each file this thread reads whole (<see cref="ReadAllBytes"/>, following
    /// links) is read once: a later read of the same path gets the same bytes. For one task that reads a small folder
    /// with several readers that each open what they need (Test-CodexPlugin: the manifest is read by its reader, by the
    /// skills' namespace lookup and by the secret scan), and that should see one version of each file. A scope inside
    /// another is the outer one.
    /// </summary>
    public static IDisposable ReadEachOnce()
    {
        if (readOnce is not null)
        {
            return NoScope.Instance;
        }

        readOnce = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        return new ReadOnceScope();
    }

    /// <summary>Inside a <see cref="ReadEachOnce"/> scope, the bytes of the file when it was read whole before; else null.</summary>
    public static byte[]? ReadBefore(string path) => readOnce is { } once && once.TryGetValue(path, out byte[]? seen) ? seen : null;

    /// <summary>
    /// Inside a <see cref="ReadEachOnce"/> scope, keeps the whole content of a file a reader read through <see
    /// cref="OpenRead"/> (following links), for the next read of it; outside one, nothing.
    /// </summary>
    public static void Remember(string path, byte[] bytes)
    {
        if (readOnce is { } once)
        {
            once.TryAdd(path, bytes);
        }
    }

    [ThreadStatic]
    private static Dictionary<string, byte[]>? readOnce;

    private sealed class ReadOnceScope : IDisposable
    {
        public void Dispose() => readOnce = null;
    }

    private sealed class NoScope : IDisposable
    {
        public static readonly NoScope Instance = new();

        public void Dispose()
        {
        }
    }

    /// <summary>The file's bytes; inside a <see cref="ReadEachOnce"/> scope, the bytes read before when there were any. Do not change the array.</summary>
    public static byte[] ReadAllBytes(string path, bool followLinks = true)
    {
        if (followLinks && readOnce is { } once)
        {
            if (!once.TryGetValue(path, out byte[]? seen))
            {
                seen = ReadAllBytesNow(path, followLinks);
                once[path] = seen;
            }

            return seen;
        }

        return ReadAllBytesNow(path, followLinks);
    }

    private static byte[] ReadAllBytesNow(string path, bool followLinks)
    {
        if (OperatingSystem.IsWindows())
        {
            using FileStream stream = OpenRead(path, bufferSize: 1, followLinks);
            long length = stream.Length;
            using var buffer = new MemoryStream(length > 0 && length < int.MaxValue ? (int)length : 0);
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }

        // Read on the handle itself (pread), sized by the fstat the checks already made: a FileStream around it asks
        // for its position and its status again, two to four system calls more for each of the many small files a
        // plugin or a home holds. Read to the end as before: a file that grew since the fstat is read whole.
        using SafeFileHandle fd = OpenChecked(path, followLinks, out UnixFileInfo info);
        byte[] bytes = new byte[info.Size > 0 && info.Size < Array.MaxLength ? info.Size : 0];
        int filled = 0;
        while (true)
        {
            if (filled == bytes.Length)
            {
                Array.Resize(ref bytes, bytes.Length == 0 ? 4096 : (int)Math.Min((long)bytes.Length * 2, Array.MaxLength));
            }

            int read = RandomAccess.Read(fd, bytes.AsSpan(filled), filled);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled == bytes.Length ? bytes : bytes[..filled];
    }

    /// <summary>
    /// The open handle of a regular file, and what fstat says of it, after the checks of <see cref="OpenRead"/> (Unix).
    /// A path with no link on the way is opened in one step that says so (openat2, Linux); only a path through a link
    /// is looked at again, link by link.
    /// </summary>
    private static SafeFileHandle OpenChecked(string path, bool followLinks, out UnixFileInfo info)
    {
        int errno = 0;
        SafeFileHandle? direct = followLinks ? UnixFileSystem.TryOpenWithoutLinks(path, UnixFileSystem.ReadOnly, out errno) : null;
        bool linkFree = direct is not null;
        SafeFileHandle fd = direct ?? UnixFileSystem.OpenExisting(path, UnixFileSystem.ReadOnly, followLinks, out errno);
        if (fd.IsInvalid)
        {
            fd.Dispose();
            throw !followLinks && errno == UnixFileSystem.ErrorLoop
                ? new IOException($"{path} became a link while it was being read; nothing was read through it.")
                : OpenFailed(path, errno);
        }

        try
        {
            info = UnixFileSystem.FStat(fd);
            if (info.IsDirectory)
            {
                throw new UnauthorizedAccessException($"Access to the path '{path}' is denied: it is a folder.");
            }

            if (!info.IsRegularFile)
            {
                throw new IOException($"{path} is {Kind(info.Mode)}, not a regular file; it was not read.");
            }

            if (followLinks && !linkFree)
            {
                LinkOwnerAccess.ThrowIfUnreadableByLinkOwners(path, fd);
            }

            return fd;
        }
        catch
        {
            fd.Dispose();
            throw;
        }
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
