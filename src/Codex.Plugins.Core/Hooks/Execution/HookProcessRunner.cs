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
    TimeSpan Duration);

/// <summary>
/// Runs a hook command the way Codex 0.169.0 runs it: through the user's login shell with -c (codex was seen running
/// "/bin/bash -c COMMAND" with SHELL=/bin/sh and with SHELL unset: it takes the account's shell, not $SHELL), in the
/// session cwd, with Codex's environment plus the plugin variables, the payload written to stdin and stdin then
/// closed. Like Codex it waits for stdout and stderr to close, not only for the shell to exit, so a background child
/// that keeps them open holds the hook until its timeout. On timeout the whole process group and tree is killed
/// (codex killed a forked sleeping child too).
/// </summary>
public static class HookProcessRunner
{
    /// <summary>Output beyond this is read and dropped, so a runaway hook cannot exhaust memory; Codex has no limit.</summary>
    public const int MaxCapturedBytes = 64 * 1024 * 1024;

    /// <summary>What a Linux pipe buffers by default: a payload this small is written before the hook reads it.</summary>
    private const int PipeBufferBytes = 64 * 1024;

    private static readonly Lazy<(string Program, string[] Args)> Shell = new(ResolveShell);

    public static (string Program, string[] Args) ShellCommand => Shell.Value;

    public static async Task<HookProcessResult> RunAsync(string command, string cwd, IReadOnlyDictionary<string, string> environment, byte[] stdin, TimeSpan timeout, CancellationToken cancel = default)
    {
        var (program, args) = Shell.Value;
        var psi = new ProcessStartInfo
        {
            FileName = program,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = cwd,
        };
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && File.Exists("/usr/bin/setsid"))
        {
            // setsid execs the shell in place (same pid) in a new process group, so a timeout can kill the group,
            // including children that were re-parented away from the shell.
            psi.FileName = "/usr/bin/setsid";
            psi.ArgumentList.Add(program);
        }

        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.ArgumentList.Add(command);
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
            return new HookProcessResult(null, string.Empty, string.Empty, 0, 0, false, $"failed to start the hook shell {program}: {ex.Message}", watch.Elapsed);
        }

        using (process)
        {
            Task<(byte[] Bytes, long Total)> stdout = ReadCapped(process.StandardOutput.BaseStream);
            Task<(byte[] Bytes, long Total)> stderr = ReadCapped(process.StandardError.BaseStream);
            string? error = null;
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timer.CancelAfter(timeout);
            Task writeStdin = WriteStdin(process, stdin);
            bool timedOut = false;
            try
            {
                await writeStdin.WaitAsync(timer.Token).ConfigureAwait(false);
            }
            catch (IOException ex) when (stdin.Length > PipeBufferBytes)
            {
                // The hook stopped reading a payload larger than the pipe holds: Codex fails the run with this error.
                error = $"failed to write hook stdin: {ex.Message}";
            }
            catch (IOException)
            {
                // A hook that exits without reading a small payload: Codex, writing right after the spawn, puts the
                // payload in the pipe buffer before the hook is gone, and the run counts as the hook's own exit.
                // Starting a process from .NET takes longer, so the pipe may already be closed here; same outcome.
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
            }

            if (!timedOut)
            {
                try
                {
                    await Task.WhenAll(stdout, stderr, process.WaitForExitAsync(CancellationToken.None)).WaitAsync(timer.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    timedOut = true;
                }
            }

            if (timedOut || error is not null)
            {
                KillTree(process);
            }

            // After a kill the pipes close; a grandchild that escaped the group may still hold them, so stop waiting.
            await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None)).ConfigureAwait(false);
            var (outBytes, outTotal) = stdout.IsCompletedSuccessfully ? stdout.Result : (Array.Empty<byte>(), 0L);
            var (errBytes, errTotal) = stderr.IsCompletedSuccessfully ? stderr.Result : (Array.Empty<byte>(), 0L);
            int? exitCode = null;
            if (!timedOut && process.HasExited)
            {
                // A shell killed by a signal shows as 128+signal here and as no code in Codex; both are failures.
                exitCode = process.ExitCode;
            }

            if (timedOut)
            {
                error = $"hook timed out after {(int)timeout.TotalSeconds}s";
            }

            // Codex decodes lossily: invalid UTF-8 becomes U+FFFD, it is not an error.
            return new HookProcessResult(exitCode, Decode(outBytes), Decode(errBytes), outTotal, errTotal, timedOut, error, watch.Elapsed);
        }
    }

    private static string Decode(byte[] bytes) => new UTF8Encoding(false, false).GetString(bytes);

    private static async Task WriteStdin(Process process, byte[] stdin)
    {
        Stream input = process.StandardInput.BaseStream;
        try
        {
            await input.WriteAsync(stdin).ConfigureAwait(false);
            await input.FlushAsync().ConfigureAwait(false);
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

    private static async Task<(byte[] Bytes, long Total)> ReadCapped(Stream stream)
    {
        using var kept = new MemoryStream();
        byte[] buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            int room = (int)Math.Min(read, Math.Max(0, MaxCapturedBytes - kept.Length));
            if (room > 0)
            {
                kept.Write(buffer, 0, room);
            }

            total += read;
        }

        return (kept.ToArray(), total);
    }

    private static void KillTree(Process process)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            try
            {
                // The shell leads its own group (setsid): SIGKILL the group first, then whatever tree is left.
                _ = NativeMethods.kill(-process.Id, 9);
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
            }
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
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
        [DllImport("libc", SetLastError = true)]
        public static extern int kill(int pid, int sig);

        [DllImport("libc")]
        public static extern uint getuid();
    }
}
