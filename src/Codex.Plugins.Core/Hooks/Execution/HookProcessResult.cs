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
