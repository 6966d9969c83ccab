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

    /// <summary>
    /// The whole file. With a <paramref name="limit"/>, a file over it is refused (<see cref="FileTooLargeException"/>)
    /// on its size before anything is read, and one that grows past it during the read is refused too. Inside a <see
    /// cref="ReadEachOnce"/> scope, the bytes read before when there were any (over the limit: refused as well). Do not
    /// change the array.
    /// </summary>
    public static byte[] ReadAllBytes(string path, bool followLinks = true, FileSizeLimit? limit = null) =>
        followLinks ? ReadRemembered(path, limit, nullWhenMissing: false)! : ReadAllBytesNow(path, followLinks: false, limit, nullWhenMissing: false)!;

    /// <summary>
    /// As <see cref="ReadAllBytes"/> (following links), but null when nothing is at the name or a folder on its way is
    /// missing, without an exception: a reader that tries several places pays none for each empty one (a marketplace of
    /// 970,000 entries whose folders are mostly not there threw four for each).
    /// </summary>
    public static byte[]? ReadAllBytesIfExists(string path, FileSizeLimit? limit = null) => ReadRemembered(path, limit, nullWhenMissing: true);

    private static byte[]? ReadRemembered(string path, FileSizeLimit? limit, bool nullWhenMissing)
    {
        if (readOnce is not { } once)
        {
            return ReadAllBytesNow(path, followLinks: true, limit, nullWhenMissing);
        }

        if (once.TryGetValue(path, out byte[]? seen))
        {
            if (limit is not null && seen.Length > limit.MaxBytes)
            {
                throw limit.Exceeded(path, seen.Length);
            }

            return seen;
        }

        seen = ReadAllBytesNow(path, followLinks: true, limit, nullWhenMissing);
        if (seen is not null)
        {
            once[path] = seen;
        }

        return seen;
    }

    private static byte[]? ReadAllBytesNow(string path, bool followLinks, FileSizeLimit? limit, bool nullWhenMissing)
    {
        if (OperatingSystem.IsWindows())
        {
            if (nullWhenMissing && !File.Exists(path) && !Directory.Exists(path))
            {
                return null;
            }

            using FileStream stream = OpenRead(path, bufferSize: 1, followLinks);
            using var buffer = new MemoryStream(stream.Length is > 0 and < int.MaxValue ? (int)stream.Length : 0);
            if (limit is null)
            {
                stream.CopyTo(buffer);
            }
            else
            {
                ThrowIfOver(stream, path, limit);
                new SizeLimitedStream(stream, path, limit).CopyTo(buffer);
            }

            return buffer.ToArray();
        }

        // Read on the handle itself (pread), sized by the fstat the checks already made: a FileStream around it asks
        // for its position and its status again, two to four system calls more for each of the many small files a
        // plugin or a home holds. Read to the end as before (a file that grew since the fstat is read whole), or to one
        // byte past the limit.
        using SafeFileHandle? fd = OpenChecked(path, followLinks, nullWhenMissing, out UnixFileInfo info);
        if (fd is null)
        {
            return null;
        }

        if (limit is not null && info.Size > limit.MaxBytes)
        {
            throw limit.Exceeded(path, info.Size);
        }

        long most = limit is null ? Array.MaxLength : Math.Min(limit.MaxBytes + 1, Array.MaxLength);
        byte[] bytes = new byte[info.Size > 0 && info.Size <= most ? info.Size : 0];
        int filled = 0;
        while (true)
        {
            if (filled == bytes.Length)
            {
                if (filled >= most)
                {
                    break;
                }

                Array.Resize(ref bytes, (int)Math.Min(bytes.Length == 0 ? 4096 : (long)bytes.Length * 2, most));
            }

            int read = RandomAccess.Read(fd, bytes.AsSpan(filled), filled);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        if (limit is not null && filled > limit.MaxBytes)
        {
            throw limit.Exceeded(path, -1);
        }

        return filled == bytes.Length ? bytes : bytes[..filled];
    }

    /// <summary>
    /// The open handle of a regular file, and what fstat says of it, after the checks of <see cref="OpenRead"/> (Unix).
    /// A path with no link on the way is opened in one step that says so (openat2, Linux); only a path through a link
    /// is looked at again, link by link.
    /// </summary>
    private static SafeFileHandle OpenChecked(string path, bool followLinks, out UnixFileInfo info) =>
        OpenChecked(path, followLinks, nullWhenMissing: false, out info)!;

    /// <summary>As above; with <paramref name="nullWhenMissing"/>, null when nothing is at the name (ENOENT, ENOTDIR).</summary>
    private static SafeFileHandle? OpenChecked(string path, bool followLinks, bool nullWhenMissing, out UnixFileInfo info)
    {
        int errno = 0;
        SafeFileHandle? direct = followLinks ? LinkFreePath.TryOpenRead(path, out errno) : null;
        bool linkFree = direct is not null;
        SafeFileHandle fd = direct ?? UnixFileSystem.OpenExisting(path, UnixFileSystem.ReadOnly, followLinks, out errno);
        if (fd.IsInvalid)
        {
            fd.Dispose();
            if (nullWhenMissing && errno is 2 or 20)
            {
                info = default;
                return null;
            }

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
    public static string ReadAllText(string path, FileSizeLimit? limit = null)
    {
        using var reader = OpenText(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, limit);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// A reader over the file's text in <paramref name="encoding"/>. With a <paramref name="limit"/>, a file over it is
    /// refused before anything is read, and the reader ends with a <see cref="FileTooLargeException"/> if the file grows past it.
    /// </summary>
    public static StreamReader OpenText(string path, Encoding encoding, bool detectEncodingFromByteOrderMarks, FileSizeLimit? limit = null)
    {
        FileStream stream = OpenRead(path);
        if (limit is null)
        {
            return new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks);
        }

        try
        {
            ThrowIfOver(stream, path, limit);
            return new StreamReader(new SizeLimitedStream(stream, path, limit), encoding, detectEncodingFromByteOrderMarks);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Refuses an opened file whose size is over <paramref name="limit"/>, before it is read.</summary>
    public static void ThrowIfOver(FileStream stream, string path, FileSizeLimit limit)
    {
        long length = stream.Length;
        if (length > limit.MaxBytes)
        {
            throw limit.Exceeded(path, length);
        }
    }

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
