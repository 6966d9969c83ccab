using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Codex.Plugins.Configuration.Editing;

/// <summary>
/// Paths reached through no link at all, in one system call: Linux's openat2 with RESOLVE_NO_SYMLINKS, which also
/// says that the opened file is the one its path names (what a reader otherwise asks /proc/self/fd or realpath for,
/// one readlink per component). Where openat2 is missing (kernels before 5.6, a seccomp filter) every answer is "ask
/// the usual way", and the callers do.
/// </summary>
internal static class LinkFreePath
{
    private const long SysOpenat2 = 437; // the same number on every Linux architecture (new system calls share one table)
    private const int AtCurrentDirectory = -100;
    private const ulong ResolveNoSymlinks = 0x04;
    private const ulong NonBlockingCloseOnExec = 0x800 | 0x80000;
    private const ulong PathOnlyCloseOnExec = 0x200000 | 0x80000;
    private const int NoSuchSystemCall = 38;

    private static volatile bool openat2Works = true;

    // Marshal.SizeOf asks the runtime each time (a QCall): 8% of Test-CodexPlugin over the curated marketplace, which
    // opens every file of every plugin through here.
    private static readonly nuint OpenHowSize = (nuint)Marshal.SizeOf<OpenHow>();

    /// <summary>
    /// Opens an existing path for reading, as <see cref="UnixFileSystem.OpenExisting"/> does when it follows links, but
    /// only if no component of the path is a link. Null when the caller should open it as usual: a link is on the way
    /// (ELOOP), or openat2 is not there. Else a handle, invalid with the errno open(2) would have had (a missing
    /// file, no access).
    /// </summary>
    public static SafeFileHandle? TryOpenRead(string path, out int errno)
    {
        long fd = Openat2(path, UnixFileSystem.ReadOnly | NonBlockingCloseOnExec, out errno);
        if (fd >= 0)
        {
            return new SafeFileHandle((IntPtr)fd, ownsHandle: true);
        }

        // ENOSYS (no openat2), ELOOP (a link on the way), EPERM (a filter), EINVAL, E2BIG: open as usual.
        return errno is NoSuchSystemCall or 40 or 1 or 22 or 7 ? null : new SafeFileHandle((IntPtr)(-1), ownsHandle: true);
    }

    /// <summary>
    /// True when <paramref name="path"/> names an existing entry reached through no link (looked up with O_PATH: any
    /// type, no permission on it needed): its real path is then the path itself, made absolute. False when a link is on
    /// the way, the entry is missing or cannot be reached, or openat2 is not there.
    /// </summary>
    public static bool Reaches(string path)
    {
        long fd = Openat2(path, PathOnlyCloseOnExec, out _);
        if (fd < 0)
        {
            return false;
        }

        SystemClose((IntPtr)fd);
        return true;
    }

    /// <summary>The descriptor, or -1 with the errno (ENOSYS, and openat2 is not asked again, where it is missing).</summary>
    private static long Openat2(string path, ulong flags, out int errno)
    {
        errno = NoSuchSystemCall;
        if (!OperatingSystem.IsLinux() || !openat2Works)
        {
            return -1;
        }

        var how = new OpenHow { Flags = flags, Resolve = ResolveNoSymlinks };
        long fd;
        try
        {
            fd = Syscall(SysOpenat2, AtCurrentDirectory, path, ref how, OpenHowSize);
        }
        catch (EntryPointNotFoundException)
        {
            openat2Works = false;
            return -1;
        }

        errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        if (errno == NoSuchSystemCall)
        {
            openat2Works = false;
        }

        return fd;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct OpenHow
    {
        public ulong Flags;
        public ulong Mode;
        public ulong Resolve;
    }

    // syscall(2) is variadic; on Linux's x86-64 and arm64 calling conventions integer arguments pass as fixed ones do.
    [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static extern long Syscall(long number, int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, ref OpenHow how, nuint size);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Close", SetLastError = true)]
    private static extern int SystemClose(IntPtr fd);
}
