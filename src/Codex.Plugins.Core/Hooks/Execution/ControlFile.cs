using System.Runtime.InteropServices;
using System.Text;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>
/// Writes one value to a control group file (tasks, pids.max, cgroup.procs, freezer states) with one open, one write
/// and one close. File.WriteAllText makes eight system calls of it (stat, truncate, seek, ...); a hook run writes five
/// such files on its way in and out. Elsewhere than Linux (no control groups) it is File.WriteAllText.
/// </summary>
internal static class ControlFile
{
    // Linux's open(2) flags, the same on x86-64, arm64 and arm: O_WRONLY | O_CLOEXEC (the file must exist).
    private const int WriteFlags = 0x1 | 0x80000;
    private const int EINTR = 4;
    private const int EACCES = 13;
    private const int EPERM = 1;

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>; throws IOException or UnauthorizedAccessException.</summary>
    public static void Write(string path, string text)
    {
        if (!OperatingSystem.IsLinux())
        {
            File.WriteAllText(path, text);
            return;
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text);
        int fd;
        do
        {
            fd = LibcOpen(path, WriteFlags);
        }
        while (fd < 0 && Marshal.GetLastPInvokeError() == EINTR);

        if (fd < 0)
        {
            throw Failure(path, Marshal.GetLastPInvokeError());
        }

        try
        {
            nint n;
            do
            {
                n = LibcWrite(fd, bytes, bytes.Length);
            }
            while (n < 0 && Marshal.GetLastPInvokeError() == EINTR);

            if (n < 0)
            {
                throw Failure(path, Marshal.GetLastPInvokeError());
            }
        }
        finally
        {
            _ = LibcClose(fd);
        }
    }

    private static Exception Failure(string path, int errno)
    {
        string message = $"{path}: {Marshal.GetPInvokeErrorMessage(errno)}";
        return errno is EACCES or EPERM ? new UnauthorizedAccessException(message) : new IOException(message, errno);
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int LibcOpen([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    private static extern nint LibcWrite(int fd, byte[] buffer, nint count);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int LibcClose(int fd);
}
