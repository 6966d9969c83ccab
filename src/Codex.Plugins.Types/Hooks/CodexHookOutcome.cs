namespace Codex.Plugins;

/// <summary>The decision Codex would take for one event, combining every handler's result.</summary>
public sealed class CodexHookOutcome
{
    public string Event { get; init; } = string.Empty;

    /// <summary>
    /// PreToolUse: Deny, Allow (a hook allowed, maybe with UpdatedInput) or Proceed; PermissionRequest: Deny, Allow or
    /// Ask (Codex shows its approval prompt); PostToolUse, UserPromptSubmit, Stop, SubagentStop: Stop (continue:false
    /// wins), Block or Proceed. For Stop and SubagentStop, Block means Codex keeps going with Reason as a new prompt.
    /// Other events: Stop or Proceed.
    /// </summary>
    public string Decision { get; init; } = "Proceed";

    public string? Reason { get; init; }

    public string? UpdatedInput { get; init; }

    public string? AdditionalContext { get; init; }

    public string[] SystemMessages { get; init; } = Array.Empty<string>();

    public int Passed { get; init; }

    public int Failed { get; init; }

    public int Skipped { get; init; }

    public int Blocked { get; init; }

    /// <summary>The stdin JSON the handlers received (secrets masked unless -IncludeSecret).</summary>
    public string Payload { get; init; } = string.Empty;

    public CodexHookResult[] Results { get; init; } = Array.Empty<CodexHookResult>();

    public string CodexHome { get; init; } = string.Empty;

    public string ProjectPath { get; init; } = string.Empty;

    public override string ToString() => $"{Event}: {Decision}";
}
