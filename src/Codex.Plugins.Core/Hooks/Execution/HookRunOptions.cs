namespace Codex.Plugins.Hooks.Execution;

/// <summary>How one test run of an event's hooks is bounded and recorded: environment, process cap, output budget, log.</summary>
public sealed record HookRunOptions
{
    /// <summary>Which environment the hooks get (by default Codex's from a clean login).</summary>
    public HookEnvironmentOptions Environment { get; init; } = new();

    /// <summary>
    /// How many processes one hook may have at once, its shell included (pids.max of its control group, where the
    /// machine offers one): a fork bomb stops there instead of filling the process table.
    /// </summary>
    public int MaxProcesses { get; init; } = HookContainment.DefaultMaxProcesses;

    /// <summary>Output the whole run keeps (all handlers, both streams); the rest is read, counted and dropped.</summary>
    public long OutputBudgetBytes { get; init; } = HookProcessRunner.MaxCapturedBytes;

    /// <summary>Where what the hooks print is streamed while they run (null: kept in the results only).</summary>
    public HookOutputLog? Log { get; init; }

    /// <summary>The payload already serialized (null: serialize it), so that a confirmed run does it once.</summary>
    internal string? PayloadJson { get; init; }

    /// <summary>PayloadJson masked (null: mask it when the outcome is masked).</summary>
    internal string? MaskedPayloadJson { get; init; }
}
