using System.Runtime.InteropServices;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>The libc calls <see cref="PosixHookProcess"/> starts and serves a hook with (Linux, glibc 2.29 or later for addchdir_np).</summary>
internal static class PosixSpawnNative
{
    public const int CloseOnExec = 0x80000;
    public const int NonBlock = 0x800;
    public const int SetStatusFlags = 4;
    public const short SpawnSetSigDef = 0x04;
    public const short SpawnSetSigMask = 0x08;
    public const short SpawnSetPgroup = 0x02;
    public const short SpawnSetSid = 0x80;
    public const short PollIn = 0x01;
    public const short PollOut = 0x04;
    public const int NoHang = 1;
    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const long SysPidfdOpen = 434;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollDescriptor
    {
        public int Descriptor;
        public short Events;
        public short Returned;
    }

    [DllImport("libc", SetLastError = true)]
    public static extern int pipe2([Out] int[] fds, int flags);

    [DllImport("libc", SetLastError = true)]
    public static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    public static extern nint read(int fd, [Out] byte[] buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    public static extern nint write(int fd, ref byte buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    public static extern int fcntl(int fd, int command, int argument);

    [DllImport("libc", SetLastError = true)]
    public static extern int poll([In, Out] PollDescriptor[] fds, nuint count, int timeout);

    [DllImport("libc", SetLastError = true)]
    public static extern int waitpid(int pid, out int status, int options);

    [DllImport("libc", SetLastError = true)]
    public static extern long syscall(long number, long a, long b);

    [DllImport("libc")]
    public static extern int sigemptyset(nint set);

    [DllImport("libc")]
    public static extern int sigfillset(nint set);

    [DllImport("libc")]
    public static extern int posix_spawn_file_actions_init(nint actions);

    [DllImport("libc")]
    public static extern int posix_spawn_file_actions_destroy(nint actions);

    [DllImport("libc")]
    public static extern int posix_spawn_file_actions_adddup2(nint actions, int fd, int newfd);

    [DllImport("libc")]
    public static extern int posix_spawn_file_actions_addchdir_np(nint actions, [MarshalAs(UnmanagedType.LPUTF8Str)] string path);

    [DllImport("libc")]
    public static extern int posix_spawnattr_init(nint attributes);

    [DllImport("libc")]
    public static extern int posix_spawnattr_destroy(nint attributes);

    [DllImport("libc")]
    public static extern int posix_spawnattr_setflags(nint attributes, short flags);

    [DllImport("libc")]
    public static extern int posix_spawnattr_setsigmask(nint attributes, nint set);

    [DllImport("libc")]
    public static extern int posix_spawnattr_setsigdefault(nint attributes, nint set);

    [DllImport("libc")]
    public static extern int posix_spawn(out int pid, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, nint actions, nint attributes, nint[] argv, nint[] envp);
}
