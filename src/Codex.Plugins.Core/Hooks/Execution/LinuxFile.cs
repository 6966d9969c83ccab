using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>
/// open(2) and write(2) on Linux, for the few files whose system calls matter: a log that must be opened with
/// O_APPEND (.NET cannot ask for it) and control group files written once each per hook run. Interrupted calls are
/// retried; failures are IOException, or UnauthorizedAccessException for EACCES and EPERM, as .NET's own are.
/// </summary>
internal static class LinuxFile
{
    // Linux's open(2) flags, the same on x86-64, arm64 and arm.
    public const int WriteOnly = 0x1;
    public const int Create = 0x40;
    public const int Append = 0x400;
    public const int CloseOnExec = 0x80000;

    private const int EINTR = 4;
    private const int EACCES = 13;
    private const int EPERM = 1;

    /// <summary>Opens <paramref name="path"/> with <paramref name="flags"/>; <paramref name="mode"/> is used when it creates the file.</summary>
    public static SafeFileHandle Open(string path, int flags, int mode = 0)
    {
        int fd;
        do
        {
            fd = LibcOpen(path, flags, mode);
        }
        while (fd < 0 && Marshal.GetLastPInvokeError() == EINTR);

        return fd < 0 ? throw Failure(path, Marshal.GetLastPInvokeError()) : new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>Writes all of <paramref name="bytes"/> at the file's position (the end, for a file opened with <see cref="Append"/>).</summary>
    public static void WriteAll(SafeFileHandle handle, ReadOnlySpan<byte> bytes, string? path = null)
    {
        while (!bytes.IsEmpty)
        {
            nint n = LibcWrite(handle, ref MemoryMarshal.GetReference(bytes), bytes.Length);
            if (n < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == EINTR)
                {
                    continue;
                }

                throw Failure(path, errno);
            }

            // A regular file takes a write whole unless the disk is full or a signal came; the rest goes after it.
            bytes = bytes[(int)n..];
        }
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
