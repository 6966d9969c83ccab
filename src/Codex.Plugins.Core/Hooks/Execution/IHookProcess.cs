using System.Diagnostics;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>
/// A started hook shell with its three pipes: the payload goes in, both output streams come out into their captures.
/// Linux starts it with posix_spawn and serves the pipes from the calling thread (<see cref="PosixHookProcess"/>);
/// elsewhere System.Diagnostics.Process does, with a thread per stream (<see cref="DotnetHookProcess"/>).
/// </summary>
internal interface IHookProcess : IDisposable
{
    int Id { get; }

    /// <summary>The exit code once the shell exited and was waited for (128+signal for a killed shell), else null.</summary>
    int? ExitCode { get; }

    /// <summary>Why the payload could not be written (only for a payload larger than the pipe holds), or null.</summary>
    string? StdinError { get; }

    /// <summary>
    /// Writes the payload and reads both outputs until both are closed, then waits for the shell to exit, as Codex
    /// waits; false when the timeout passes or the run is stopped first.
    /// </summary>
    bool Finish(Stopwatch watch, TimeSpan timeout, CancellationToken cancel);

    /// <summary>After a kill: reads on until both outputs close or <paramref name="grace"/> passes; true when closed.</summary>
    bool DrainOutputs(TimeSpan grace);

    /// <summary>Kills the shell's process tree and every process still holding its output (what left the group).</summary>
    void KillStrays();
}
