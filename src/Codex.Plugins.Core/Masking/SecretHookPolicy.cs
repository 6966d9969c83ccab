using System.Text.Json;
using System.Text.Json.Nodes;
using Codex.Plugins.Masking.Detection;
using Codex.Plugins.Masking.Operators;

namespace Codex.Plugins.Masking;

/// <summary>
/// The decision of the Codex hook that New-CodexSecretHook installs: a UserPromptSubmit prompt, or a PreToolUse /
/// PermissionRequest tool input, that carries a secret is blocked, and the reason names the kinds (masked, never the
/// value). Everything else passes with no output (a no-op for Codex). Input that is not a hook payload is a failed
/// run (exit 1), which Codex treats as non-blocking.
/// </summary>
public static class SecretHookPolicy
{
    private static readonly SecretScanner Scanner = new(SecretScanOptions.Secrets);

    public static SecretHookVerdict Evaluate(string payload)
    {
        JsonObject? input;
        try
        {
            input = JsonNode.Parse(payload) as JsonObject;
        }
        catch (JsonException ex)
        {
            return new SecretHookVerdict(1, string.Empty, $"codex secret hook: the input is not a hook payload ({ex.Message}).", Array.Empty<string>());
        }

        if (input is null)
        {
            return new SecretHookVerdict(1, string.Empty, "codex secret hook: the input is not a JSON object.", Array.Empty<string>());
        }

        string eventName = input["hook_event_name"]?.GetValue<string>() ?? string.Empty;
        string? text = eventName switch
        {
            "UserPromptSubmit" => input["prompt"]?.GetValue<string>(),
            "PreToolUse" or "PermissionRequest" => input["tool_input"] switch
            {
                JsonObject o when o["command"] is JsonValue c && c.TryGetValue(out string? command) => command,
                JsonNode n => n.ToJsonString(),
                null => null,
            },
            _ => null,
        };
        if (string.IsNullOrEmpty(text))
        {
            return new SecretHookVerdict(0, string.Empty, string.Empty, Array.Empty<string>());
        }

        List<SecretMatch> matches = Scanner.Scan(text);
        if (matches.Count == 0)
        {
            return new SecretHookVerdict(0, string.Empty, string.Empty, Array.Empty<string>());
        }

        var masker = new SecretMasker(MaskMode.Tag);
        string[] kinds = matches.Select(m => m.Detector.Kind).Distinct(StringComparer.Ordinal).ToArray();
        string shown = string.Join(", ", matches.Take(5).Select(m => masker.Replacement(m.Detector, m.Value)));
        string what = eventName == "UserPromptSubmit" ? "The prompt" : "The tool input";
        string reason = $"{what} carries {matches.Count} secret(s) ({string.Join(", ", kinds)}: {shown}). "
            + "Blocked by the Codex.Plugins secret hook: remove the secret (use an environment variable or a secret store), "
            + $"or mark the line '{SecretScanOptions.InlineAllowMarker}' if it is not one.";
        JsonObject output = eventName == "UserPromptSubmit"
            ? new JsonObject { ["decision"] = "block", ["reason"] = reason }
            : eventName == "PermissionRequest"
                ? new JsonObject { ["hookSpecificOutput"] = new JsonObject { ["hookEventName"] = eventName, ["decision"] = new JsonObject { ["behavior"] = "deny", ["message"] = reason } } }
                : new JsonObject { ["hookSpecificOutput"] = new JsonObject { ["hookEventName"] = eventName, ["permissionDecision"] = "deny", ["permissionDecisionReason"] = reason } };
        return new SecretHookVerdict(0, output.ToJsonString(), string.Empty, kinds);
    }
}
