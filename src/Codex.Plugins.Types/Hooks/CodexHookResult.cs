namespace Codex.Plugins;

/// <summary>One hook handler's run (or why it did not run) for one simulated event.</summary>
public sealed class CodexHookResult
{
    public string Event { get; init; } = string.Empty;

    public string HookKey { get; init; } = string.Empty;

    /// <summary>Completed, Blocked, Stopped (continue:false), Failed, TimedOut or Skipped.</summary>
    public string Status { get; init; } = string.Empty;

    /// <summary>What this handler asked for: Allow, Deny, Block, Stop, or null when it asked for nothing.</summary>
    public string? Decision { get; init; }

    public string? Reason { get; init; }

    /// <summary>The rewritten tool input (compact JSON) when a PreToolUse hook allowed with updatedInput.</summary>
    public string? UpdatedInput { get; init; }

    public string? AdditionalContext { get; init; }

    public string? SystemMessage { get; init; }

    /// <summary>Why the run failed (Codex's wording where it has one), or why it was skipped.</summary>
    public string? Error { get; init; }

    public int? ExitCode { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>stdout and stderr, secrets masked unless -IncludeSecret; cut at 64 KiB for display (the whole output was interpreted).</summary>
    public string Stdout { get; init; } = string.Empty;

    public string Stderr { get; init; } = string.Empty;

    public long StdoutBytes { get; init; }

    public long StderrBytes { get; init; }

    public bool OutputTruncated { get; init; }

    public string? Command { get; init; }

    public string? Matcher { get; init; }

    public string Source { get; init; } = string.Empty;

    public string? PluginId { get; init; }

    public HookTrustStatus TrustStatus { get; init; }

    /// <summary>Async handlers run, but Codex does not wait for them: their decision does not count.</summary>
    public bool Async { get; init; }

    /// <summary>1 for the handler that finished first; the last rewrite to finish wins, as in Codex.</summary>
    public int? FinishOrder { get; init; }

    public override string ToString() => $"{HookKey}: {Status}";
}
