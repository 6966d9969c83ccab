using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>
/// A hook shell started with posix_spawn (Linux): a process group of its own from the spawn itself
/// (POSIX_SPAWN_SETPGROUP; a session, POSIX_SPAWN_SETSID, where <see cref="HookContainment.OwnSession"/> asks for one),
/// every signal at its default and none blocked (as a shell started by Codex has them; .NET ignores SIGPIPE), born in
/// the run's control group where the caller's thread can enter it (<see cref="HookContainment.EnterForSpawn"/>), its
/// pipes served by one poll loop on the calling thread: no wrapper process, no thread per stream.
/// </summary>
internal sealed class PosixHookProcess : IHookProcess
{
    private readonly byte[] stdin;
    private readonly HookOutputCapture stdout;
    private readonly HookOutputCapture stderr;
    private readonly byte[] buffer = new byte[64 * 1024];
    private readonly int pidDescriptor;
    private int stdinWrite;
    private int stdoutRead;
    private int stderrRead;
    private int written;
    private bool reaped;

    private PosixHookProcess(int pid, int stdinWrite, int stdoutRead, int stderrRead, byte[] stdin, HookOutputCapture stdout, HookOutputCapture stderr)
    {
        Id = pid;
        this.stdinWrite = stdinWrite;
        this.stdoutRead = stdoutRead;
        this.stderrRead = stderrRead;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;

        // A descriptor that becomes readable when the shell exits (Linux 5.3); without it the exit is polled.
        pidDescriptor = (int)PosixSpawnNative.syscall(PosixSpawnNative.SysPidfdOpen, pid, 0);
        if (stdin.Length == 0)
        {
            Close(ref this.stdinWrite);
        }
    }

    public int Id { get; }

    public int? ExitCode { get; private set; }

    public string? StdinError { get; private set; }

    public static PosixHookProcess Start(string program, IReadOnlyList<string> argv, string cwd, IReadOnlyDictionary<string, string> environment, byte[] stdin,
        HookOutputCapture stdout, HookOutputCapture stderr, HookContainment containment)
    {
        int[] input = Pipe(), output = Pipe(), error = Pipe();
        nint actions = Marshal.AllocHGlobal(1024), attributes = Marshal.AllocHGlobal(1024), signals = Marshal.AllocHGlobal(256);
        nint[] args = Strings(argv), env = Strings(environment.Select(e => $"{e.Key}={e.Value}"));
        try
        {
            Check(PosixSpawnNative.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
            Check(PosixSpawnNative.posix_spawn_file_actions_adddup2(actions, input[0], 0), "adddup2");
            Check(PosixSpawnNative.posix_spawn_file_actions_adddup2(actions, output[1], 1), "adddup2");
            Check(PosixSpawnNative.posix_spawn_file_actions_adddup2(actions, error[1], 2), "adddup2");
            Check(PosixSpawnNative.posix_spawn_file_actions_addchdir_np(actions, cwd), "addchdir");
            Check(PosixSpawnNative.posix_spawnattr_init(attributes), "posix_spawnattr_init");
            // The process group's id is the shell's own (posix_spawnattr_setpgroup left at 0).
            short leader = containment.OwnSession ? PosixSpawnNative.SpawnSetSid : PosixSpawnNative.SpawnSetPgroup;
            Check(PosixSpawnNative.posix_spawnattr_setflags(attributes, (short)(leader | PosixSpawnNative.SpawnSetSigMask | PosixSpawnNative.SpawnSetSigDef)), "setflags");
            _ = PosixSpawnNative.sigemptyset(signals);
            Check(PosixSpawnNative.posix_spawnattr_setsigmask(attributes, signals), "setsigmask");
            _ = PosixSpawnNative.sigfillset(signals);
            Check(PosixSpawnNative.posix_spawnattr_setsigdefault(attributes, signals), "setsigdefault");

            int pid, result;
            using (IDisposable? entered = containment.EnterForSpawn())
            {
                if (entered is null)
                {
                    // The thread cannot enter the group: the shell joins it itself, through a sh that then execs it.
                    Free(args);
                    (program, argv) = containment.Wrap(program, argv, sessionMade: true);
                    args = Strings(argv);
                }

                result = PosixSpawnNative.posix_spawn(out pid, program, actions, attributes, args, env);
            }

            if (result != 0)
            {
                throw new HookStartException(Marshal.GetPInvokeErrorMessage(result));
            }

            // The parent's end of stdin must not block: a hook that does not read a large payload still gets its outputs read.
            _ = PosixSpawnNative.fcntl(input[1], PosixSpawnNative.SetStatusFlags, PosixSpawnNative.NonBlock);
            var started = new PosixHookProcess(pid, input[1], output[0], error[0], stdin, stdout, stderr);
            input[1] = output[0] = error[0] = -1;
            return started;
        }
        finally
        {
            Close(ref input[1]);
            Close(ref output[0]);
            Close(ref error[0]);
            Close(ref input[0]);
            Close(ref output[1]);
            Close(ref error[1]);
            _ = PosixSpawnNative.posix_spawn_file_actions_destroy(actions);
            _ = PosixSpawnNative.posix_spawnattr_destroy(attributes);
            Marshal.FreeHGlobal(actions);
            Marshal.FreeHGlobal(attributes);
            Marshal.FreeHGlobal(signals);
            Free(args);
            Free(env);
        }
    }

    public bool Finish(Stopwatch watch, TimeSpan timeout, CancellationToken cancel) =>
        Pump(watch, timeout, cancel) && WaitForExit(watch, timeout, cancel);

    public bool DrainOutputs(TimeSpan grace)
    {
        Close(ref stdinWrite);
        return Pump(Stopwatch.StartNew(), grace, CancellationToken.None);
    }

    public void KillStrays()
    {
        HookProcessTree.KillTree(Id);
        HookProcessTree.KillPipeHolders(new nint[] { stdoutRead, stderrRead }.Where(d => d >= 0));
    }

    public void Dispose()
    {
        Close(ref stdinWrite);
        Close(ref stdoutRead);
        Close(ref stderrRead);

        // A shell that was killed is reaped here (bounded: one stuck in the kernel stays a zombie until this process ends).
        for (int i = 0; !reaped && i < 200 && !TryReap(); i++)
        {
            Thread.Sleep(10);
        }

        if (pidDescriptor >= 0)
        {
            _ = PosixSpawnNative.close(pidDescriptor);
        }
    }

    /// <summary>Serves the pipes until both outputs are closed and the payload is written (or refused).</summary>
    private bool Pump(Stopwatch watch, TimeSpan timeout, CancellationToken cancel)
    {
        var polled = new PosixSpawnNative.PollDescriptor[3];
        while (stdinWrite >= 0 || stdoutRead >= 0 || stderrRead >= 0)
        {
            if (stdinWrite >= 0)
            {
                WriteSome();
            }

            TimeSpan left = HookProcessStarter.Remaining(watch, timeout);
            if (cancel.IsCancellationRequested || left == TimeSpan.Zero)
            {
                return false;
            }

            int count = 0;
            foreach ((int descriptor, short events) in new[] { (stdinWrite, PosixSpawnNative.PollOut), (stdoutRead, PosixSpawnNative.PollIn), (stderrRead, PosixSpawnNative.PollIn) })
            {
                if (descriptor >= 0)
                {
                    polled[count++] = new PosixSpawnNative.PollDescriptor { Descriptor = descriptor, Events = events };
                }
            }

            int ready = PosixSpawnNative.poll(polled, (nuint)count, (int)Math.Min(250, Math.Ceiling(left.TotalMilliseconds)));
            for (int i = 0; i < count && ready > 0; i++)
            {
                if (polled[i].Returned == 0)
                {
                    continue;
                }

                if (polled[i].Descriptor == stdoutRead)
                {
                    Read(ref stdoutRead, stdout);
                }
                else if (polled[i].Descriptor == stderrRead)
                {
                    Read(ref stderrRead, stderr);
                }
            }
        }

        return true;
    }

    /// <summary>Writes what the pipe takes now, and closes it once the payload is written or refused.</summary>
    private void WriteSome()
    {
        while (written < stdin.Length)
        {
            nint n = PosixSpawnNative.write(stdinWrite, ref stdin[written], stdin.Length - written);
            if (n > 0)
            {
                written += (int)n;
                continue;
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno == PosixSpawnNative.EINTR)
            {
                continue;
            }

            if (errno == PosixSpawnNative.EAGAIN)
            {
                return;
            }

            // The hook closed its stdin. Codex, writing right after the spawn, puts a payload the pipe holds in its
            // buffer before the hook is gone: the run counts as the hook's own exit. A larger one fails the run.
            if (stdin.Length > DotnetHookProcess.PipeBufferBytes)
            {
                StdinError = $"failed to write hook stdin: {Marshal.GetPInvokeErrorMessage(errno)}";
            }

            break;
        }

        Close(ref stdinWrite);
    }

    private void Read(ref int descriptor, HookOutputCapture capture)
    {
        nint n = PosixSpawnNative.read(descriptor, buffer, buffer.Length);
        if (n > 0)
        {
            capture.Accept(buffer, (int)n);
        }
        else if (n == 0 || Marshal.GetLastPInvokeError() is not (PosixSpawnNative.EINTR or PosixSpawnNative.EAGAIN))
        {
            Close(ref descriptor);
        }
    }

    private bool WaitForExit(Stopwatch watch, TimeSpan timeout, CancellationToken cancel)
    {
        var polled = new PosixSpawnNative.PollDescriptor[1];
        while (!TryReap())
        {
            TimeSpan left = HookProcessStarter.Remaining(watch, timeout);
            if (cancel.IsCancellationRequested || left == TimeSpan.Zero)
            {
                return false;
            }

            int slice = (int)Math.Min(250, Math.Ceiling(left.TotalMilliseconds));
            if (pidDescriptor >= 0)
            {
                polled[0] = new PosixSpawnNative.PollDescriptor { Descriptor = pidDescriptor, Events = PosixSpawnNative.PollIn };
                _ = PosixSpawnNative.poll(polled, 1, slice);
            }
            else
            {
                Thread.Sleep(Math.Min(slice, 2));
            }
        }

        return true;
    }

    /// <summary>Collects the shell's exit status if it has exited.</summary>
    private bool TryReap()
    {
        if (reaped)
        {
            return true;
        }

        int pid = PosixSpawnNative.waitpid(Id, out int status, PosixSpawnNative.NoHang);
        if (pid == 0 || (pid < 0 && Marshal.GetLastPInvokeError() == PosixSpawnNative.EINTR))
        {
            return false;
        }

        reaped = true;
        if (pid == Id)
        {
            // As .NET reports it: the exit code, or 128+signal for a shell killed by a signal.
            int signal = status & 0x7f;
            ExitCode = signal == 0 ? (status >> 8) & 0xff : 128 + signal;
        }

        return true;
    }

    private static int[] Pipe()
    {
        int[] ends = new int[2];
        if (PosixSpawnNative.pipe2(ends, PosixSpawnNative.CloseOnExec) != 0)
        {
            throw new HookStartException($"no pipe for the hook: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        return ends;
    }

    private static void Close(ref int descriptor)
    {
        if (descriptor >= 0)
        {
            _ = PosixSpawnNative.close(descriptor);
            descriptor = -1;
        }
    }

    private static void Check(int result, string call)
    {
        if (result != 0)
        {
            throw new HookStartException($"{call}: {Marshal.GetPInvokeErrorMessage(result)}");
        }
    }

    /// <summary>A null-terminated array of UTF-8 strings for argv and envp.</summary>
    private static nint[] Strings(IEnumerable<string> values) => values.Select(Marshal.StringToCoTaskMemUTF8).Append(0).ToArray();

    private static void Free(nint[] strings)
    {
        foreach (nint s in strings)
        {
            Marshal.FreeCoTaskMem(s);
        }
    }
}
