using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Codex.Plugins.Configuration.Editing;

/// <summary>
/// The few system calls a writer needs so that nobody else's link can redirect it: open without following a link
/// in the last path component (O_NOFOLLOW), create only what does not exist (O_EXCL), change mode and owner on the
/// open handle rather than by path, lock the open handle, and swap two names in one step (renameat2 RENAME_EXCHANGE).
/// The runtime's own native shim (libSystem.Native) gives one flag numbering and one stat layout on every Unix .NET
/// supports; the few calls it lacks come from libc, whose signatures for them are the same on Linux and macOS.
/// </summary>
internal static class UnixFileSystem
{
    // libSystem.Native's platform-independent open(2) flags.
    public const int ReadOnly = 0x0000;
    public const int WriteOnly = 0x0001;
    public const int ReadWrite = 0x0002;
    public const int CloseOnExec = 0x0010;
    public const int Create = 0x0020;
    public const int Exclusive = 0x0040;
    public const int NoFollow = 0x0200;

    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int AtCurrentDirectory = -100;
    private const uint RenameNoReplace = 1;
    private const uint RenameExchange = 2;

    public static int ErrorLoop => OperatingSystem.IsLinux() ? 40 : 62;

    public const int ErrorExists = 17;

    public const int ErrorNoEntry = 2;

    public const int ErrorAccess = 13;

    public const int ErrorPermission = 1;

    public static int ErrorWouldBlock => OperatingSystem.IsLinux() ? 11 : 35;

    /// <summary>Opens a path; a link in its last component fails with ELOOP. Returns an invalid handle and the errno on failure.</summary>
    public static SafeFileHandle Open(string path, int flags, int mode, out int errno)
    {
        if ((flags & Create) == 0 && OpensWithoutWaiting)
        {
            return OpenExisting(path, flags, followLinks: false, out errno);
        }

        SafeFileHandle handle = SystemOpen(path, flags | CloseOnExec | NoFollow, mode);
        errno = handle.IsInvalid ? Marshal.GetLastPInvokeError() : 0;
        return handle;
    }

    /// <summary>
    /// Opens an existing path without waiting for a peer. A plain open(2) of a FIFO waits until someone opens its other
    /// end, so a FIFO a home's owner put where a file is expected (config.toml, SKILL.md) would hang the reader forever;
    /// O_NONBLOCK makes that open return at once and changes nothing for a regular file. The caller then looks at what
    /// it opened (fstat) and refuses what is not a regular file. <paramref name="followLinks"/> false: a link in the
    /// last path component fails with ELOOP. Returns an invalid handle and the errno on failure.
    /// </summary>
    public static SafeFileHandle OpenExisting(string path, int flags, bool followLinks, out int errno)
    {
        if (!OpensWithoutWaiting)
        {
            SafeFileHandle plain = SystemOpen(path, flags | CloseOnExec | (followLinks ? 0 : NoFollow), 0);
            errno = plain.IsInvalid ? Marshal.GetLastPInvokeError() : 0;
            return plain;
        }

        bool linux = OperatingSystem.IsLinux();
        int native = (flags & (WriteOnly | ReadWrite)) | (linux ? 0x800 : 0x4) | (linux ? 0x80000 : 0x1000000);
        if (!followLinks)
        {
            // O_NOFOLLOW differs between Linux architectures (asm-generic vs x86).
            native |= !linux ? 0x100 : RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;
        }

        int fd = LibcOpen(path, native);
        errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>Where the native open flags of <see cref="OpenExisting"/> are known.</summary>
    private static bool OpensWithoutWaiting => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    public static bool TryLStat(string path, out UnixFileInfo info)
    {
        if (SystemLStat(path, out FileStatus status) != 0)
        {
            info = default;
            return false;
        }

        info = From(status);
        return true;
    }

    public static UnixFileInfo FStat(SafeFileHandle handle)
    {
        if (SystemFStat(handle, out FileStatus status) != 0)
        {
            throw new IOException($"fstat failed (errno {Marshal.GetLastPInvokeError()}).");
        }

        return From(status);
    }

    /// <summary>Gives an open file the owner and the permission bits of another (chown first: it may clear setuid bits).</summary>
    public static void SetOwnerAndMode(SafeFileHandle handle, uint uid, uint gid, int permissions)
    {
        UnixFileInfo now = FStat(handle);
        if ((now.Uid != uid || now.Gid != gid) && FChown((int)handle.DangerousGetHandle(), uid, gid) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            // Only root may give a file away; an ordinary account keeps its own ownership (as before this change).
            if (errno != ErrorPermission)
            {
                throw new IOException($"Cannot give {uid}:{gid} the new file (errno {errno}).");
            }
        }

        if (SystemFChMod(handle, permissions) != 0)
        {
            throw new IOException($"Cannot set the new file's mode (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    /// <summary>Takes flock(LOCK_EX) without waiting; false when another open file holds it.</summary>
    public static bool TryLockExclusive(SafeFileHandle handle, out int errno)
    {
        errno = 0;
        if (SystemFLock(handle, LockExclusive | LockNonBlocking) == 0)
        {
            return true;
        }

        errno = Marshal.GetLastPInvokeError();
        return false;
    }

    public static void Sync(SafeFileHandle handle)
    {
        if (SystemFSync(handle) != 0)
        {
            throw new IOException($"fsync failed (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    public static bool Unlink(string path) => SystemUnlink(path) == 0;

    public static uint EffectiveUserId => SystemGetEUid();

    /// <summary>
    /// Swaps two names in one step, so the entry that stood at <paramref name="target"/> can be checked after the
    /// swap (and swapped back). Null when this system or file system cannot (then the caller renames).
    /// </summary>
    public static int? Exchange(string source, string target) => Rename2(source, target, RenameExchange);

    /// <summary>Renames only when nothing stands at the target; null when the system cannot say so.</summary>
    public static int? RenameIfAbsent(string source, string target) => Rename2(source, target, RenameNoReplace);

    private static int? Rename2(string source, string target, uint flags)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            if (RenameAt2(AtCurrentDirectory, source, AtCurrentDirectory, target, flags) == 0)
            {
                return 0;
            }

            int errno = Marshal.GetLastPInvokeError();
            // ENOSYS (old kernel), EINVAL (file system without exchange): the caller falls back to rename.
            return errno is 38 or 22 or 95 ? null : errno;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// A read lease on the file (Linux): granted only while no process holds the file open for writing, and while it
    /// is held, a process that opens the file for writing waits. Null when none can be taken: <paramref name="busy"/>
    /// then says whether a writer holds the file (false: leases do not work here, not the owner, not Linux).
    /// </summary>
    public static ReadLease? TryReadLease(string path, out bool busy)
    {
        busy = false;
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        SafeFileHandle fd = Open(path, ReadOnly, 0, out _);
        if (fd.IsInvalid)
        {
            fd.Dispose();
            return null;
        }

        try
        {
            int raw = (int)fd.DangerousGetHandle();
            // Someone opening the file while the lease is held makes the kernel signal the holder: SIGURG, whose default
            // is to be ignored, instead of SIGIO, whose default ends the process.
            _ = Fcntl(raw, SetSignal, SignalUrgent);
            if (Fcntl(raw, SetLease, LeaseRead) == 0)
            {
                return new ReadLease(fd);
            }

            busy = Marshal.GetLastPInvokeError() == ErrorWouldBlock;
        }
        catch (EntryPointNotFoundException)
        {
        }

        fd.Dispose();
        return null;
    }

    /// <summary>A held read lease; disposing releases it.</summary>
    internal sealed class ReadLease : IDisposable
    {
        private readonly SafeFileHandle fd;

        public ReadLease(SafeFileHandle fd) => this.fd = fd;

        /// <summary>Identity, size and time of the leased file (the one opened, wherever its name is now).</summary>
        public UnixFileInfo Info => FStat(fd);

        /// <summary>A process is waiting to open the leased file for writing.</summary>
        public bool WriterWaiting => Fcntl((int)fd.DangerousGetHandle(), GetLease, 0) != LeaseRead;

        public void Dispose()
        {
            _ = Fcntl((int)fd.DangerousGetHandle(), SetLease, LeaseNone);
            fd.Dispose();
        }
    }

    private const int SetSignal = 10;
    private const int SetLease = 1024;
    private const int GetLease = 1025;
    private const int LeaseRead = 0;
    private const int LeaseNone = 2;
    private const int SignalUrgent = 23;

    private static UnixFileInfo From(FileStatus s) => new(s.Mode, s.Uid, s.Gid, s.Size, s.Dev, s.Ino, s.MTime, s.MTimeNsec, s.CTime, s.CTimeNsec);

    // The runtime's stat shim: one struct layout on every Unix .NET supports, unlike libc's struct stat.
    [StructLayout(LayoutKind.Sequential)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
        public uint Uid;
        public uint Gid;
        public long Size;
        public long ATime, ATimeNsec, MTime, MTimeNsec, CTime, CTimeNsec, BirthTime, BirthTimeNsec, Dev, RDev, Ino;
        public long Spare1, Spare2, Spare3, Spare4, Spare5, Spare6, Spare7, Spare8;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Open", SetLastError = true)]
    private static extern SafeFileHandle SystemOpen([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    // open(2) is variadic; without O_CREAT the mode argument is never read, so the fixed two-argument form is exact.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int LibcOpen([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
    private static extern int SystemLStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_FStat", SetLastError = true)]
    private static extern int SystemFStat(SafeFileHandle handle, out FileStatus status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_FChMod", SetLastError = true)]
    private static extern int SystemFChMod(SafeFileHandle handle, int mode);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_FLock", SetLastError = true)]
    private static extern int SystemFLock(SafeFileHandle handle, int operation);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_FSync", SetLastError = true)]
    private static extern int SystemFSync(SafeFileHandle handle);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Unlink", SetLastError = true)]
    private static extern int SystemUnlink([MarshalAs(UnmanagedType.LPUTF8Str)] string path);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_GetEUid")]
    private static extern uint SystemGetEUid();

    [DllImport("libc", EntryPoint = "fchown", SetLastError = true)]
    private static extern int FChown(int fd, uint owner, uint group);

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(int fd, int command, int argument);

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int RenameAt2(int oldDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath,
        int newDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);
}
