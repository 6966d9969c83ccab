using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>
/// A log file opened to append whole records. .NET's FileMode.Append does not append on Unix: it opens the file
/// without O_APPEND, takes the file's length then, and writes each buffer at its own offset from there (pwrite), so a
/// writer that opened the file before another appended a record writes over that record. Eight flooding handlers
/// logging at once lost 4 to 35 records a run that way, among them the one cut record per stream (the output-flood
/// test then counted 7 or 0 cuts of 8). On Linux the file is opened with O_APPEND: the kernel puts each write at the
/// end of the file as it is at that moment, under the file's lock, whoever else has it open. Elsewhere each write of
/// this process seeks to the end first, one at a time (Windows' sharing mode keeps other writers out meanwhile).
/// </summary>
internal sealed class AppendOnlyFile : IDisposable
{
    // Linux's open(2) flags, the same on x86-64, arm64 and arm: O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC.
    private const int LinuxAppendFlags = 0x1 | 0x40 | 0x400 | 0x80000;
    private const int EINTR = 4;
    private const int EACCES = 13;
    private const int EPERM = 1;
    private static readonly object Gate = new();

    private readonly SafeFileHandle? handle;
    private readonly FileStream? stream;

    private AppendOnlyFile(SafeFileHandle? handle, FileStream? stream)
    {
        this.handle = handle;
        this.stream = stream;
    }

    /// <summary>Opens (creating it when missing) <paramref name="path"/>; throws IOException or UnauthorizedAccessException.</summary>
    public static AppendOnlyFile Open(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new AppendOnlyFile(null, new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read));
        }

        int fd;
        do
        {
            fd = LibcOpen(path, LinuxAppendFlags, 0x1B6 /* 0666, less the umask, as .NET creates files */);
        }
        while (fd < 0 && Marshal.GetLastPInvokeError() == EINTR);

        if (fd < 0)
        {
            throw Failure(path, Marshal.GetLastPInvokeError());
        }

        return new AppendOnlyFile(new SafeFileHandle(fd, ownsHandle: true), null);
    }

    /// <summary>Appends <paramref name="bytes"/> at the end of the file, in one write where the file takes it whole.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (stream is not null)
        {
            lock (Gate)
            {
                stream.Seek(0, SeekOrigin.End);
                stream.Write(bytes);
                stream.Flush();
            }

            return;
        }

        while (!bytes.IsEmpty)
        {
            nint n = LibcWrite(handle!, ref MemoryMarshal.GetReference(bytes), bytes.Length);
            if (n < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == EINTR)
                {
                    continue;
                }

                throw Failure(null, errno);
            }

            // A regular file takes a write whole unless the disk is full or a signal came; the rest goes after it.
            bytes = bytes[(int)n..];
        }
    }

    public void Dispose()
    {
        handle?.Dispose();
        stream?.Dispose();
    }

    private static Exception Failure(string? path, int errno)
    {
        string message = path is null ? Marshal.GetPInvokeErrorMessage(errno) : $"{path}: {Marshal.GetPInvokeErrorMessage(errno)}";
        return errno is EACCES or EPERM ? new UnauthorizedAccessException(message) : new IOException(message, errno);
    }

    // open(2) is variadic; on Linux (x86-64, arm64, arm) an int passed as the third argument is read as the mode.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int LibcOpen([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    private static extern nint LibcWrite(SafeFileHandle fd, ref byte buffer, nint count);
}
