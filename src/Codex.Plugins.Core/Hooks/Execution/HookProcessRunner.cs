using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>How one handler process ended.</summary>
public sealed record HookProcessResult(
    int? ExitCode,
    string Stdout,
    string Stderr,
    long StdoutBytes,
    long StderrBytes,
    bool TimedOut,
    string? Error,
    TimeSpan Duration,
    bool StdoutCut = false,
    bool StderrCut = false);

/// <summary>
/// Runs a hook command the way Codex 0.169.0 runs it: through the user's login shell with -c (codex was seen running
/// "/bin/bash -c COMMAND" with SHELL=/bin/sh and with SHELL unset: it takes the account's shell, not $SHELL), in the
/// session cwd, with Codex's environment plus the plugin variables, the payload written to stdin and stdin then
/// closed. Like Codex it waits for stdout and stderr to close, not only for the shell to exit, so a background child
/// that keeps them open holds the hook until its timeout. On timeout the whole process tree is killed (codex killed a
/// forked sleeping child too). Unlike Codex, every run is contained (<see cref="HookContainment"/>: a session, a control
/// group with a process cap where the machine has one) so that one kill ends all of it, and all handlers of one run
/// share one output budget (<see cref="HookOutputBudget"/>), so a flooding hook cannot exhaust the tester's memory.
/// </summary>
public static class HookProcessRunner
{
    /// <summary>Output one run keeps, all handlers and both streams together; the rest is read and dropped. Codex has no limit.</summary>
    public const int MaxCapturedBytes = 64 * 1024 * 1024;

    /// <summary>What a Linux pipe buffers by default: a payload this small is written before the hook reads it.</summary>
    private const int PipeBufferBytes = 64 * 1024;

    private static readonly Lazy<(string Program, string[] Args)> Shell = new(ResolveShell);

    public static (string Program, string[] Args) ShellCommand => Shell.Value;

    public static Task<HookProcessResult> RunAsync(string command, string cwd, IReadOnlyDictionary<string, string> environment, byte[] stdin, TimeSpan timeout, CancellationToken cancel = default) =>
        Task.Run(() => Run(command, cwd, environment, stdin, timeout, cancel), CancellationToken.None);

    /// <summary>How long the kill after a timeout may take before the run gives up on what is left.</summary>
    private static readonly TimeSpan KillBudget = TimeSpan.FromSeconds(10);

    /// <summary>How long the output pipes may take to close once the hook's control group is empty.</summary>
    private static readonly TimeSpan GroupPipeGrace = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Runs one handler on the calling thread. Reading and writing the pipes happens on dedicated threads, not on the
    /// thread pool, so a busy machine does not add scheduling delays to every hook run.
    /// </summary>
    /// <param name="environment">The hook's whole environment (see <see cref="HookEnvironment"/>): nothing else is inherited.</param>
    /// <param name="maxProcesses">The most processes the hook may have at once (its control group's pids.max).</param>
    /// <param name="output">Where the kept output is streamed while the hook runs (the run's log), or null.</param>
    public static HookProcessResult Run(string command, string cwd, IReadOnlyDictionary<string, string> environment, byte[] stdin, TimeSpan timeout, CancellationToken cancel = default,
        HookOutputBudget? budget = null, int maxProcesses = HookContainment.DefaultMaxProcesses, HookOutputStream? output = null)
    {
        budget ??= new HookOutputBudget(MaxCapturedBytes);
        using HookContainment containment = HookContainment.Create(maxProcesses);
        var (shell, shellArgs) = Shell.Value;
        var (program, args) = containment.Wrap(shell, shellArgs.Append(command).ToArray());
        var psi = new ProcessStartInfo
        {
            FileName = program,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = cwd,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        var watch = Stopwatch.StartNew();
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new Win32Exception("the process did not start");
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or IOException)
        {
            return new HookProcessResult(null, string.Empty, string.Empty, 0, 0, false, $"failed to start the hook shell {shell}: {ex.Message}", watch.Elapsed);
        }

        containment.Started(process.Id);
        using (process)
        {
            var stdout = new PipeReader(process.StandardOutput.BaseStream, budget, output, isStderr: false);
            var stderr = new PipeReader(process.StandardError.BaseStream, budget, output, isStderr: true);
            string? error = null;
            Stream input = process.StandardInput.BaseStream;
            Thread? writer = null;
            if (stdin.Length <= PipeBufferBytes)
            {
                // Fits the pipe buffer: written at once, whether or not the hook reads it, as Codex writes it.
                error = WriteStdin(input, stdin);
            }
            else
            {
                writer = new Thread(() => error = WriteStdin(input, stdin)) { IsBackground = true, Name = "hook stdin" };
                writer.Start();
            }

            bool finished = WaitAll(watch, timeout, cancel, stdout.Thread, stderr.Thread, writer) && process.WaitForExit(Remaining(watch, timeout));
            bool timedOut = !finished;
            if (timedOut)
            {
                int left = containment.KillAll(KillBudget);

                // With the control group emptied, the pipes close at once; the slower searches of the whole machine
                // (the process tree, every process's open files) are for what is not in a group: no group here, or a
                // process that moved itself out of it and still holds the output.
                bool closed = left == 0 && containment.HasGroup && stdout.Thread.Join(GroupPipeGrace) && stderr.Thread.Join(GroupPipeGrace);
                if (!closed)
                {
                    KillTree(process);
                    KillPipeHolders(process);
                }

                // After the kill the pipes close; a grandchild that left the tree may still hold them: stop waiting.
                stdout.Thread.Join(TimeSpan.FromSeconds(2));
                stderr.Thread.Join(TimeSpan.FromSeconds(2));
                error = cancel.IsCancellationRequested ? "the run was stopped" : $"hook timed out after {(int)timeout.TotalSeconds}s";
            }

            // The run is over: whatever the hook left behind (a background child that closed its output, a fork bomb
            // whose first processes already exited) ends with it, so nothing a hook under test started outlives the test.
            if (!timedOut)
            {
                containment.KillAll(KillBudget);
            }

            output?.Close();

            // A shell killed by a signal shows as 128+signal here and as no code in Codex; both are failures.
            int? exitCode = !timedOut && process.HasExited ? process.ExitCode : null;

            // Codex decodes lossily: invalid UTF-8 becomes U+FFFD, it is not an error.
            return new HookProcessResult(exitCode, Decode(stdout.Bytes), Decode(stderr.Bytes), stdout.Total, stderr.Total, timedOut, error, watch.Elapsed,
                stdout.Cut, stderr.Cut);
        }
    }

    private static TimeSpan Remaining(Stopwatch watch, TimeSpan timeout)
    {
        TimeSpan left = timeout - watch.Elapsed;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Waits for the threads until the timeout, in slices so that a stop request (Ctrl+C) is seen.</summary>
    private static bool WaitAll(Stopwatch watch, TimeSpan timeout, CancellationToken cancel, params Thread?[] threads)
    {
        foreach (Thread? thread in threads)
        {
            while (thread is not null)
            {
                if (cancel.IsCancellationRequested)
                {
                    return false;
                }

                TimeSpan left = Remaining(watch, timeout);
                TimeSpan slice = left < TimeSpan.FromMilliseconds(250) ? left : TimeSpan.FromMilliseconds(250);
                if (thread.Join(slice))
                {
                    break;
                }

                if (left <= slice)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static string Decode(byte[] bytes) => new UTF8Encoding(false, false).GetString(bytes);

    private static string? WriteStdin(Stream input, byte[] stdin)
    {
        try
        {
            input.Write(stdin);
            input.Flush();
            return null;
        }
        catch (IOException ex) when (stdin.Length > PipeBufferBytes)
        {
            // The hook stopped reading a payload larger than the pipe holds: Codex fails the run with this error.
            return $"failed to write hook stdin: {ex.Message}";
        }
        catch (IOException)
        {
            // A hook that exits without reading a small payload: Codex, writing right after the spawn, puts the
            // payload in the pipe buffer before the hook is gone, and the run counts as the hook's own exit.
            // Starting a process from .NET takes longer, so the pipe may already be closed here; same outcome.
            return null;
        }
        finally
        {
            try
            {
                input.Close();
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Drains one output pipe on its own thread, keeping what the run's budget still allows.</summary>
    private sealed class PipeReader
    {
        private readonly MemoryStream kept = new();
        private readonly Stream stream;
        private readonly HookOutputBudget budget;
        private readonly HookOutputStream? output;
        private readonly bool isStderr;
        private long keptBytes;

        public PipeReader(Stream stream, HookOutputBudget budget, HookOutputStream? output, bool isStderr)
        {
            this.stream = stream;
            this.budget = budget;
            this.output = output;
            this.isStderr = isStderr;
            Thread = new Thread(Drain) { IsBackground = true, Name = "hook output" };
            Thread.Start();
        }

        public Thread Thread { get; }

        public long Total { get; private set; }

        /// <summary>Some of this stream's output was dropped (over the run's budget).</summary>
        public bool Cut { get; private set; }

        public byte[] Bytes
        {
            get
            {
                lock (kept)
                {
                    return kept.ToArray();
                }
            }
        }

        private void Drain()
        {
            byte[] buffer = new byte[81920];
            try
            {
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    lock (kept)
                    {
                        int room = budget.Take(read);
                        if (room > 0)
                        {
                            kept.Write(buffer, 0, room);
                            keptBytes += room;
                            output?.Write(isStderr, buffer, room);
                        }

                        if (room < read && !Cut)
                        {
                            Cut = true;
                            output?.Cut(isStderr, keptBytes);
                        }

                        Total += read;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
            }
        }
    }

    private static void KillTree(Process process)
    {
        // The shell and every process under it (a backgrounded `sleep` keeps the output pipes open): codex 0.169.0
        // was seen killing such a child on timeout too. A child that detached itself from the tree (double fork,
        // setsid) escapes, as it escapes any tree kill.
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
        }
    }

    /// <summary>
    /// Kills every process that still holds the hook's stdout or stderr pipe. A background child of the shell
    /// (`sleep 300 &amp;`) outlives the shell, is re-parented away from its tree and keeps the pipes open: it is what makes
    /// such a hook time out, and codex 0.169.0 killed it too. Linux only (/proc); elsewhere the tree kill is all.
    /// </summary>
    private static void KillPipeHolders(Process process)
    {
        if (!Directory.Exists("/proc/self/fd"))
        {
            return;
        }

        var pipes = new HashSet<string>(StringComparer.Ordinal);
        foreach (Stream stream in new[] { process.StandardOutput.BaseStream, process.StandardError.BaseStream })
        {
            try
            {
                if (stream is System.IO.Pipes.PipeStream pipe && new FileInfo($"/proc/self/fd/{pipe.SafePipeHandle.DangerousGetHandle()}").LinkTarget is { } target)
                {
                    pipes.Add(target);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }

        if (pipes.Count == 0)
        {
            return;
        }

        int self = Environment.ProcessId;
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid) || pid == self)
            {
                continue;
            }

            try
            {
                bool holds = Directory.EnumerateFileSystemEntries(Path.Combine(dir, "fd")).Any(fd => new FileInfo(fd).LinkTarget is { } t && pipes.Contains(t));
                if (holds)
                {
                    using Process holder = Process.GetProcessById(pid);
                    holder.Kill(entireProcessTree: true);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or Win32Exception or NotSupportedException)
            {
                // Gone already, or not ours to see.
            }
        }
    }

    private static (string Program, string[] Args) ResolveShell()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return (Environment.GetEnvironmentVariable("COMSPEC") ?? "cmd.exe", new[] { "/C" });
        }

        string? shell = null;
        try
        {
            uint uid = NativeMethods.getuid();
            foreach (string line in File.ReadLines("/etc/passwd"))
            {
                string[] f = line.Split(':');
                if (f.Length >= 7 && uint.TryParse(f[2], out uint id) && id == uid && f[6].Length > 0)
                {
                    shell = f[6];
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
        }

        shell ??= Environment.GetEnvironmentVariable("SHELL");
        return (shell is not null && File.Exists(shell) ? shell : "/bin/sh", new[] { "-c" });
    }

    private static class NativeMethods
    {
        [DllImport("libc")]
        public static extern uint getuid();
    }
}
