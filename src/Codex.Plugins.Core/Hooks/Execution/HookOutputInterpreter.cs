using System.Text.Json;
using System.Text.Json.Nodes;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>
/// Reads a finished handler as Codex 0.169.0 does (codex-rs hooks output_parser and events/*, with the behaviours the
/// binary showed in tests/compat/HookExec.Compat.Tests.ps1):
/// exit 0 with empty stdout is a no-op; a JSON object on stdout is applied; JSON-looking text that does not parse
/// fails the run; other plain text is context for SessionStart, UserPromptSubmit and SubagentStart, ignored for tool
/// events and invalid for Stop and SubagentStop. Exit 2 blocks with the reason from stderr (empty stderr fails).
/// Any other exit, a timeout or a start failure fails the run, and Codex carries on as if the hook had not run.
/// Status is one of Completed, Blocked, Stopped (continue:false), Failed, TimedOut (a failure Codex reports as Failed).
/// </summary>
public static class HookOutputInterpreter
{
    public static HookInterpretation Interpret(HookEvent hookEvent, HookProcessResult run)
    {
        if (run.TimedOut)
        {
            return Fail(run.Error ?? "hook timed out", "TimedOut");
        }

        if (run.Error is not null)
        {
            return Fail(run.Error);
        }

        if (run.StdoutCut)
        {
            return Fail($"hook output exceeded the run's budget of {HookProcessRunner.MaxCapturedBytes} bytes (all handlers together); the harness does not interpret it");
        }

        switch (run.ExitCode)
        {
            case 0:
                return Completed(hookEvent, run.Stdout);
            case 2:
                string reason = run.Stderr.Trim();
                if (reason.Length == 0)
                {
                    return Fail($"{hookEvent.Name} hook exited with code 2 but wrote no reason to stderr");
                }

                return hookEvent.Name switch
                {
                    "PreToolUse" or "PermissionRequest" => new HookInterpretation("Blocked", "Deny", reason, null, null, null, null),
                    "PostToolUse" or "UserPromptSubmit" or "Stop" or "SubagentStop" => new HookInterpretation("Blocked", "Block", reason, null, null, null, null),
                    _ => Fail($"{hookEvent.Name} hooks cannot block; exit code 2 is a failure"),
                };
            case null:
                return Fail("hook exited without an exit code (killed by a signal)");
            default:
                return Fail($"hook exited with code {run.ExitCode}");
        }
    }

    private static HookInterpretation Completed(HookEvent hookEvent, string stdout)
    {
        string text = stdout.Trim();
        if (text.Length == 0)
        {
            return new HookInterpretation("Completed", null, null, null, null, null, null);
        }

        JsonObject? json = null;
        bool looksLikeJson = text[0] is '{' or '[';
        try
        {
            json = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
        }

        if (json is null)
        {
            if (looksLikeJson)
            {
                return Fail($"hook returned invalid {hookEvent.Name} JSON output");
            }

            return hookEvent.Name switch
            {
                "SessionStart" or "UserPromptSubmit" or "SubagentStart" => new HookInterpretation("Completed", null, null, null, text, null, null),
                "Stop" or "SubagentStop" => Fail($"{hookEvent.Name} hook returned plain text; it must print JSON or nothing"),
                _ => new HookInterpretation("Completed", null, null, null, null, null, null),
            };
        }

        bool proceed = json["continue"] is not JsonValue c || !c.TryGetValue(out bool b) || b;
        string? stopReason = Text(json["stopReason"]);
        bool suppress = json["suppressOutput"] is JsonValue sv && sv.TryGetValue(out bool sb) && sb;
        string? systemMessage = Text(json["systemMessage"]);
        string? decision = Text(json["decision"]);
        string? reason = Text(json["reason"]);
        JsonObject? specific = json["hookSpecificOutput"] as JsonObject;
        string? context = Text(specific?["additionalContext"]);

        HookInterpretation Ok(string? d = null, string? r = null, JsonNode? updated = null, string? ctx = null) =>
            new("Completed", d, r, updated, ctx, systemMessage, null);
        HookInterpretation Invalid(string why) => new("Failed", null, null, null, null, systemMessage, why);

        switch (hookEvent.Name)
        {
            case "PreToolUse":
            {
                if (!proceed)
                {
                    return Invalid("PreToolUse hook returned unsupported continue:false");
                }

                if (stopReason is not null)
                {
                    return Invalid("PreToolUse hook returned unsupported stopReason");
                }

                if (suppress)
                {
                    return Invalid("PreToolUse hook returned unsupported suppressOutput");
                }

                string? permission = Text(specific?["permissionDecision"]);
                string? permissionReason = Trimmed(Text(specific?["permissionDecisionReason"]));
                JsonNode? updatedInput = specific?["updatedInput"];
                bool useSpecific = permission is not null || specific?["permissionDecisionReason"] is not null || updatedInput is not null || context is not null;
                if (useSpecific)
                {
                    switch (permission)
                    {
                        case "deny":
                            return permissionReason is null
                                ? Invalid("PreToolUse hook returned permissionDecision:deny without a non-empty permissionDecisionReason")
                                : new HookInterpretation("Blocked", "Deny", permissionReason, null, Trimmed(context), systemMessage, null);
                        case "ask":
                            return Invalid("PreToolUse hook returned unsupported permissionDecision:ask");
                        case "allow":
                            return Ok("Allow", permissionReason, updatedInput?.DeepClone(), Trimmed(context));
                        case null when updatedInput is not null:
                            return Invalid("PreToolUse hook returned updatedInput without permissionDecision:allow");
                        case null when (specific?["permissionDecisionReason"] is not null):
                            return Invalid("PreToolUse hook returned permissionDecisionReason without permissionDecision");
                        case null:
                            return Ok(ctx: Trimmed(context));
                        default:
                            return Invalid($"PreToolUse hook returned unknown permissionDecision '{permission}'");
                    }
                }

                return decision switch
                {
                    "block" when Trimmed(reason) is { } r => new HookInterpretation("Blocked", "Deny", r, null, null, systemMessage, null),
                    "block" => Invalid("PreToolUse hook returned decision:block without a non-empty reason"),
                    "approve" => Invalid("PreToolUse hook returned unsupported decision:approve"),
                    null when reason is not null => Invalid("PreToolUse hook returned reason without decision"),
                    null => Ok(),
                    _ => Invalid($"PreToolUse hook returned unknown decision '{decision}'"),
                };
            }

            case "PermissionRequest":
            {
                if (!proceed || stopReason is not null || suppress)
                {
                    return Invalid("PermissionRequest hook returned unsupported continue:false, stopReason or suppressOutput");
                }

                if (specific?["decision"] is not JsonObject d)
                {
                    return Ok();
                }

                if (d["updatedInput"] is not null)
                {
                    return Invalid("PermissionRequest hook returned unsupported updatedInput");
                }

                if (d["interrupt"] is JsonValue iv && iv.TryGetValue(out bool interrupt) && interrupt)
                {
                    return Invalid("PermissionRequest hook returned unsupported interrupt:true");
                }

                return Text(d["behavior"]) switch
                {
                    "allow" => Ok("Allow"),
                    "deny" => new HookInterpretation("Blocked", "Deny", Trimmed(Text(d["message"])) ?? "PermissionRequest hook denied approval", null, null, systemMessage, null),
                    var other => Invalid($"PermissionRequest hook returned unknown behavior '{other}'"),
                };
            }

            case "PostToolUse":
            {
                if (suppress)
                {
                    return Invalid("PostToolUse hook returned unsupported suppressOutput");
                }

                if (specific?["updatedMCPToolOutput"] is not null)
                {
                    return Invalid("PostToolUse hook returned unsupported updatedMCPToolOutput");
                }

                if (!proceed)
                {
                    return new HookInterpretation("Stopped", "Stop", stopReason ?? reason, null, Trimmed(context), systemMessage, null);
                }

                if (decision == "block")
                {
                    return Trimmed(reason) is { } r
                        ? new HookInterpretation("Blocked", "Block", r, null, Trimmed(context), systemMessage, null)
                        : Invalid("PostToolUse hook returned decision:block without a non-empty reason");
                }

                return reason is not null ? Invalid("PostToolUse hook returned reason without decision") : Ok(ctx: Trimmed(context));
            }

            case "UserPromptSubmit" or "Stop" or "SubagentStop":
            {
                if (!proceed)
                {
                    return new HookInterpretation("Stopped", "Stop", stopReason, null, Trimmed(context), systemMessage, null);
                }

                if (decision == "block")
                {
                    return Trimmed(reason) is { } r
                        ? new HookInterpretation("Blocked", "Block", r, null, Trimmed(context), systemMessage, null)
                        : Invalid($"{hookEvent.Name} hook returned decision:block without a non-empty reason");
                }

                return Ok(ctx: hookEvent.Name == "UserPromptSubmit" ? Trimmed(context) : null);
            }

            case "SessionStart" or "SubagentStart":
                if (!proceed && hookEvent.Name == "SessionStart")
                {
                    return new HookInterpretation("Stopped", "Stop", stopReason, null, Trimmed(context), systemMessage, null);
                }

                return Ok(ctx: Trimmed(context));

            default:
                // Compaction, model-request, SessionEnd and Interrupt hooks: only continue:false has an effect.
                return proceed ? Ok() : new HookInterpretation("Stopped", "Stop", stopReason, null, null, systemMessage, null);
        }
    }

    private static HookInterpretation Fail(string why, string status = "Failed") => new(status, null, null, null, null, null, why);

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
