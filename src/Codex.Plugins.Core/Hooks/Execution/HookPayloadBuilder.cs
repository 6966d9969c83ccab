using System.Text.Json;
using System.Text.Json.Nodes;
using Codex.Plugins.Versions;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>
/// Builds the stdin JSON Codex 0.169.0 writes to a hook, field for field and in its order, as recorded from the binary
/// (tests/compat/HookExec.Compat.Tests.ps1 compares names and JSON types with what codex exec sent):
/// <list type="bullet">
/// <item>SessionStart: session_id, transcript_path, cwd, hook_event_name, model, permission_mode, source</item>
/// <item>UserPromptSubmit: session_id, turn_id, transcript_path, cwd, hook_event_name, model, permission_mode, prompt</item>
/// <item>PreToolUse: ... permission_mode, tool_name, tool_input, tool_use_id; PostToolUse adds tool_response before tool_use_id</item>
/// <item>Stop: ... permission_mode, stop_hook_active, last_assistant_message</item>
/// <item>SessionEnd: session_id, transcript_path, cwd, hook_event_name, reason</item>
/// <item>PreModelRequest and PostModelRequest: the fields of <see cref="ModelRequestFields"/> for the release</item>
/// </list>
/// The events codex exec does not fire without a real model (PermissionRequest, compaction, subagents, Interrupt)
/// follow the published schema and are not checked against the binary.
/// </summary>
public static class HookPayloadBuilder
{
    /// <summary>
    /// The fields of the model-request payloads, release by release, in Codex's order (recorded from codex exec of each
    /// release against the mock model). 0.171.0 names the request (kind, request_id, attempt_number), adds thread_id
    /// and, after a model request, the response_id.
    /// </summary>
    public static VersionTable<(string[] Pre, string[] Post)> ModelRequestFields { get; } = new(
        ("0.169.0", (
            new[] { "session_id", "turn_id", "cwd", "transcript_path", "model", "hook_event_name" },
            new[] { "session_id", "turn_id", "cwd", "transcript_path", "model", "hook_event_name", "status", "error", "token_usage" })),
        ("0.171.0", (
            new[] { "kind", "request_id", "attempt_number", "session_id", "thread_id", "turn_id", "cwd", "transcript_path", "model", "hook_event_name" },
            new[] { "kind", "request_id", "attempt_number", "session_id", "thread_id", "turn_id", "cwd", "transcript_path", "model", "hook_event_name", "status", "error", "token_usage", "response_id" })));

    /// <summary>
    /// The permission_mode Codex sends when the caller gives none: what codex exec sent with approval_policy = "never"
    /// and sandbox_mode = "danger-full-access", otherwise "default".
    /// </summary>
    public static string DefaultPermissionMode(Configuration.TomlTableNode config) =>
        config.String("approval_policy") == "never" && config.String("sandbox_mode") == "danger-full-access" ? "bypassPermissions" : "default";

    public static JsonObject Build(HookEvent hookEvent, HookEventInput input, string defaultCwd, string? defaultModel, Version codexVersion)
    {
        string session = input.SessionId ?? Guid.NewGuid().ToString();
        string turn = input.TurnId ?? Guid.NewGuid().ToString();
        JsonNode? transcript = input.TranscriptPath is null ? null : JsonValue.Create(input.TranscriptPath);
        string cwd = input.Cwd ?? defaultCwd;
        // Codex's own default model of the release when neither the caller nor the configuration names one.
        string model = input.Model ?? defaultModel ?? Skills.SkillContextWindow.DefaultModel(Skills.ModelCatalog.ByVersion.For(codexVersion)).Slug;
        string mode = input.PermissionMode ?? "default";
        var o = new JsonObject();

        void Common(bool withTurn, bool withModel, bool withMode)
        {
            o["session_id"] = session;
            if (withTurn)
            {
                o["turn_id"] = turn;
            }

            o["transcript_path"] = transcript?.DeepClone();
            o["cwd"] = cwd;
            o["hook_event_name"] = hookEvent.Name;
            if (withModel)
            {
                o["model"] = model;
            }

            if (withMode)
            {
                o["permission_mode"] = mode;
            }
        }

        switch (hookEvent.Name)
        {
            case "SessionStart":
                Common(withTurn: false, withModel: true, withMode: true);
                o["source"] = input.Source ?? "startup";
                break;
            case "SessionEnd":
                Common(withTurn: false, withModel: false, withMode: false);
                o["reason"] = input.Reason ?? "other";
                break;
            case "UserPromptSubmit":
                Common(true, true, true);
                o["prompt"] = input.Prompt ?? string.Empty;
                break;
            case "PreToolUse":
            case "PostToolUse":
            case "PermissionRequest":
                Common(true, true, true);
                o["tool_name"] = input.ToolName ?? "Bash";
                o["tool_input"] = input.ToolInput?.DeepClone() ?? new JsonObject();
                if (hookEvent.Name == "PostToolUse")
                {
                    o["tool_response"] = input.ToolResponse?.DeepClone() ?? JsonValue.Create(string.Empty);
                }

                if (hookEvent.Name != "PermissionRequest")
                {
                    o["tool_use_id"] = input.ToolUseId ?? "call_" + Guid.NewGuid().ToString("N")[..24];
                }

                if (input.AgentId is not null)
                {
                    o["agent_id"] = input.AgentId;
                    o["agent_type"] = input.AgentType;
                }

                break;
            case "Stop":
                Common(true, true, true);
                o["stop_hook_active"] = input.StopHookActive ?? false;
                o["last_assistant_message"] = input.LastAssistantMessage is null ? null : JsonValue.Create(input.LastAssistantMessage);
                break;
            case "SubagentStop":
                Common(true, true, true);
                o["agent_id"] = input.AgentId ?? Guid.NewGuid().ToString();
                o["agent_type"] = input.AgentType ?? "default";
                o["agent_transcript_path"] = input.AgentTranscriptPath is null ? null : JsonValue.Create(input.AgentTranscriptPath);
                o["stop_hook_active"] = input.StopHookActive ?? false;
                o["last_assistant_message"] = input.LastAssistantMessage is null ? null : JsonValue.Create(input.LastAssistantMessage);
                break;
            case "SubagentStart":
                Common(true, true, true);
                o["agent_id"] = input.AgentId ?? Guid.NewGuid().ToString();
                o["agent_type"] = input.AgentType ?? "default";
                break;
            case "PreCompact":
            case "PostCompact":
                Common(true, true, withMode: false);
                o["trigger"] = input.Trigger ?? "manual";
                break;
            case "PreModelRequest":
            case "PostModelRequest":
                var (preFields, postFields) = ModelRequestFields.For(codexVersion);
                foreach (string field in hookEvent.Name == "PreModelRequest" ? preFields : postFields)
                {
                    o[field] = field switch
                    {
                        "kind" => "sampling",
                        "request_id" => input.RequestId ?? Guid.NewGuid().ToString(),
                        "attempt_number" => 1,
                        "session_id" => session,
                        "thread_id" => session,
                        "turn_id" => turn,
                        "cwd" => cwd,
                        "transcript_path" => transcript?.DeepClone(),
                        "model" => model,
                        "hook_event_name" => hookEvent.Name,
                        "status" => input.Status ?? "completed",
                        "error" => null,
                        "token_usage" => new JsonObject
                        {
                            ["input_tokens"] = 0, ["cached_input_tokens"] = 0, ["cache_write_input_tokens"] = 0,
                            ["output_tokens"] = 0, ["reasoning_output_tokens"] = 0, ["total_tokens"] = 0,
                        },
                        "response_id" => input.ResponseId ?? "resp_" + Guid.NewGuid().ToString("N")[..12],
                        _ => throw new InvalidOperationException($"No value for the model-request field {field}."),
                    };
                }

                break;
            default:
                // Interrupt: the common turn fields.
                Common(true, true, true);
                break;
        }

        return o;
    }

    /// <summary>
    /// A recorded payload (what a hook received from Codex), as given: only hook_event_name must agree with the event.
    /// </summary>
    public static JsonObject FromRecorded(string json, out string? eventName)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The recorded payload is not JSON: {ex.Message}", nameof(json), ex);
        }

        if (node is not JsonObject o)
        {
            throw new ArgumentException("The recorded payload must be a JSON object, as Codex writes it.", nameof(json));
        }

        eventName = o["hook_event_name"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
        return o;
    }

    /// <summary>The names a matcher is tested against for this payload (tool name and its aliases, source, trigger, agent type).</summary>
    public static IReadOnlyList<string> MatcherInputs(HookEvent hookEvent, JsonObject payload)
    {
        string? Field(string name) => payload[name] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
        switch (hookEvent.Name)
        {
            case "PreToolUse" or "PostToolUse" or "PermissionRequest":
                string? tool = Field("tool_name");
                if (tool is null)
                {
                    return Array.Empty<string>();
                }

                // Codex matches apply_patch also under the names other agents give file edits.
                return tool == "apply_patch" ? new[] { tool, "Edit", "Write" } : new[] { tool };
            case "SessionStart":
                return Field("source") is { } source ? new[] { source } : Array.Empty<string>();
            case "SessionEnd":
                return Field("reason") is { } reason ? new[] { reason } : Array.Empty<string>();
            case "PreCompact" or "PostCompact":
                return Field("trigger") is { } trigger ? new[] { trigger } : Array.Empty<string>();
            case "SubagentStart" or "SubagentStop":
                return Field("agent_type") is { } agent ? new[] { agent } : Array.Empty<string>();
            default:
                return Array.Empty<string>();
        }
    }

    /// <summary>One options object for every payload: a new one per call rebuilds its caches each time.</summary>
    internal static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(JsonObject payload) => payload.ToJsonString(Relaxed);
}
