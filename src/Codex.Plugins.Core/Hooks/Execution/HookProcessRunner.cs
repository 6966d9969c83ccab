using System.Diagnostics;
using System.Text;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>
/// Runs a hook command the way Codex 0.169.0 runs it: through the user's login shell with -c (codex was seen running
/// "/bin/bash -c COMMAND" with SHELL=/bin/sh and with SHELL unset: it takes the account's shell, not $SHELL), in the
/// session cwd, with Codex's environment plus the plugin variables, the payload written to stdin and stdin then
/// closed. Like Codex it waits for stdout and stderr to close, not only for the shell to exit, so a background child
/// that keeps them open holds the hook until its timeout. On timeout the whole process tree is killed (codex killed a
/// forked sleeping child too). Unlike Codex, every run is contained (<see cref="HookContainment"/>: a process group, a
/// control group with a process cap where the machine has one, else a session) so that one kill ends all of it, and all handlers of one run
/// share one output budget (<see cref="HookOutputBudget"/>), so a flooding hook cannot exhaust the tester's memory.
/// </summary>
public static class HookProcessRunner
{
    /// <summary>Output one run keeps, all handlers and both streams together; the rest is read and dropped. Codex has no limit.</summary>
    public const int MaxCapturedBytes = 64 * 1024 * 1024;

    private static readonly Lazy<(string Program, string[] Args)> Shell = new(HookShell.Resolve);

    public static (string Program, string[] Args) ShellCommand => Shell.Value;

    public static Task<HookProcessResult> RunAsync(string command, string cwd, IReadOnlyDictionary<string, string> environment, byte[] stdin, TimeSpan timeout, CancellationToken cancel = default) =>
        Task.Run(() => Run(command, cwd, environment, stdin, timeout, cancel), CancellationToken.None);

    /// <summary>How long the kill after a timeout may take before the run gives up on what is left.</summary>
    private static readonly TimeSpan KillBudget = TimeSpan.FromSeconds(10);

    /// <summary>How long the output pipes may take to close once the hook's control group is empty.</summary>
    private static readonly TimeSpan GroupPipeGrace = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Runs one handler on the calling thread: on Linux the pipes are served by that thread alone, elsewhere by a
    /// thread per pipe (never the thread pool, so a busy machine does not add scheduling delays to every hook run).
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
        var stdout = new HookOutputCapture(budget, output, isStderr: false);
        var stderr = new HookOutputCapture(budget, output, isStderr: true);
        var watch = Stopwatch.StartNew();
        IHookProcess process;
        try
        {
            process = HookProcessStarter.Start(shell, shellArgs.Prepend(shell).Append(command).ToArray(), cwd, environment, stdin, stdout, stderr, containment);
        }
        catch (HookStartException ex)
        {
            return new HookProcessResult(null, string.Empty, string.Empty, 0, 0, false, $"failed to start the hook shell {shell}: {ex.Message}", watch.Elapsed);
        }

        containment.Started(process.Id);
        using (process)
        {
            string? error = null;
            bool finished = process.Finish(watch, timeout, cancel);
            bool timedOut = !finished;
            if (timedOut)
            {
                // The shell is not reaped yet on this path (only a finished run waits for it), except where .NET's
                // Process started it: .NET reaps its children itself, so there its id may already be free.
                int left = containment.KillAll(KillBudget, leaderUnreaped: process is PosixHookProcess);

                // With the control group emptied, the pipes close at once; the slower searches of the whole machine
                // (the process tree, every process's open files) are for what is not in a group: no group here, or a
                // process that moved itself out of it and still holds the output.
                bool closed = left == 0 && containment.HasGroup && process.DrainOutputs(GroupPipeGrace);
                if (!closed)
                {
                    process.KillStrays();

                    // After the kill the pipes close; a grandchild that left the tree may still hold them: stop waiting.
                    process.DrainOutputs(TimeSpan.FromSeconds(2));
                }

                error = cancel.IsCancellationRequested ? "the run was stopped" : $"hook timed out after {(int)timeout.TotalSeconds}s";
            }
            else
            {
                // The run is over: whatever the hook left behind (a background child that closed its output, a fork bomb
                // whose first processes already exited) ends with it, so nothing a hook under test started outlives the test.
                containment.KillAll(KillBudget);
                error = process.StdinError;
            }

            output?.Close();

            // A shell killed by a signal shows as 128+signal here and as no code in Codex; both are failures.
            int? exitCode = timedOut ? null : process.ExitCode;

            // Codex decodes lossily: invalid UTF-8 becomes U+FFFD, it is not an error.
            return new HookProcessResult(exitCode, Decode(stdout.Bytes), Decode(stderr.Bytes), stdout.Total, stderr.Total, timedOut, error, watch.Elapsed,
                stdout.Cut, stderr.Cut);
        }
    }

    private static string Decode(byte[] bytes) => new UTF8Encoding(false, false).GetString(bytes);
}
