using System.Text.Json.Nodes;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>
/// What a caller knows about the event to simulate. Anything left null gets the value Codex would send in a fresh
/// session (new ids, no transcript, the project folder as cwd).
/// </summary>
public sealed class HookEventInput
{
    public string? SessionId { get; init; }
    public string? TurnId { get; init; }
    public string? TranscriptPath { get; init; }
    public string? Cwd { get; init; }
    public string? Model { get; init; }
    public string? PermissionMode { get; init; }
    public string? ToolName { get; init; }
    public JsonNode? ToolInput { get; init; }
    public JsonNode? ToolResponse { get; init; }
    public string? ToolUseId { get; init; }
    public string? Prompt { get; init; }
    public string? Source { get; init; }
    public string? Trigger { get; init; }
    public string? AgentId { get; init; }
    public string? AgentType { get; init; }
    public string? AgentTranscriptPath { get; init; }
    public bool? StopHookActive { get; init; }
    public string? LastAssistantMessage { get; init; }
    public string? Reason { get; init; }
    public string? Status { get; init; }
    public string? RequestId { get; init; }
    public string? ResponseId { get; init; }
}
