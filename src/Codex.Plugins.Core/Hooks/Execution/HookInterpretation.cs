using System.Text.Json.Nodes;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>What one handler's run means under its event's protocol.</summary>
public sealed record HookInterpretation(
    string Status,
    string? Decision,
    string? Reason,
    JsonNode? UpdatedInput,
    string? AdditionalContext,
    string? SystemMessage,
    string? Error);
