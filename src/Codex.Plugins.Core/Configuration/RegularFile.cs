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

    /// <summary>
    /// The whole file. With a <paramref name="limit"/>, a file over it is refused (<see cref="FileTooLargeException"/>)
    /// on its size before anything is read, and one that grows past it during the read is refused too.
    /// </summary>
    public static byte[] ReadAllBytes(string path, bool followLinks = true, FileSizeLimit? limit = null)
    {
        using FileStream stream = OpenRead(path, bufferSize: 1, followLinks);
        long length = stream.Length;
        if (limit is not null && length > limit.MaxBytes)
        {
            throw limit.Exceeded(path, length);
        }

        using var buffer = new MemoryStream(length > 0 && length < int.MaxValue ? (int)length : 0);
        if (limit is null)
        {
            stream.CopyTo(buffer);
        }
        else
        {
            CopyAtMost(stream, buffer, limit.MaxBytes + 1);
            if (buffer.Length > limit.MaxBytes)
            {
                throw limit.Exceeded(path, -1);
            }
        }

        return buffer.ToArray();
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
            return new StreamReader(new LimitedStream(stream, path, limit), encoding, detectEncodingFromByteOrderMarks);
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

    private static void CopyAtMost(Stream from, Stream to, long count)
    {
        var chunk = new byte[81920];
        while (count > 0)
        {
            int n = from.Read(chunk, 0, (int)Math.Min(chunk.Length, count));
            if (n == 0)
            {
                return;
            }

            to.Write(chunk, 0, n);
            count -= n;
        }
    }

    /// <summary>Reads through to the file and fails once more than the limit has been read (a file that grew after its size was checked).</summary>
    private sealed class LimitedStream : Stream
    {
        private readonly Stream inner;
        private readonly string path;
        private readonly FileSizeLimit limit;
        private long read;

        public LimitedStream(Stream inner, string path, FileSizeLimit limit)
        {
            this.inner = inner;
            this.path = path;
            this.limit = limit;
        }

        public override bool CanRead => true;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set
            {
                inner.Position = value;
                read = value;
            }
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = inner.Read(buffer, offset, count);
            read += n;
            if (read > limit.MaxBytes)
            {
                throw limit.Exceeded(path, -1);
            }

            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            long at = inner.Seek(offset, origin);
            read = at;
            return at;
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
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
