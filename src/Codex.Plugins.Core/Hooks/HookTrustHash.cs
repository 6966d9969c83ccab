using System.Security.Cryptography;
using System.Text;

namespace Codex.Plugins.Hooks;

/// <summary>
/// Codex's trust hash for a command hook: the value it compares with <c>[hooks.state."&lt;key&gt;"] trusted_hash</c>, and
/// the value Approve-CodexHook writes there. Codex (codex-rs hooks discovery, <c>version_for_toml</c>) hashes a
/// normalized identity, not the file text, so the same hook written in hooks.json or in [hooks] hashes the same:
/// <code>{"event_name": &lt;snake label&gt;, "matcher"?: &lt;matcher&gt;, "hooks": [{"type": "command", "command", "timeout",
/// "async", "statusMessage"?, "additionalContextLimit"?}]}</code>
/// with absent values left out, keys sorted, compact serde_json bytes, SHA-256, written as <c>sha256:&lt;hex&gt;</c>.
/// Checked against the hashes codex 0.169.0 reports in app-server hooks/list (tests/compat/Hooks.Compat.Tests.ps1).
/// </summary>
public static class HookTrustHash
{
    public const string Prefix = "sha256:";

    /// <summary>
    /// The hash of a command hook as Codex computes it. Values are normalized the way Codex normalizes them first, so
    /// raw configured values and effective ones give the same hash: the matcher is dropped for events that ignore it,
    /// the timeout gets its default and bounds, and additionalContextLimit is dropped for events that cannot add
    /// context and when it equals the default (2,500).
    /// </summary>
    /// <param name="eventName">PascalCase event name (PreToolUse) or its snake_case label.</param>
    /// <param name="matcher">The group's matcher as written (null when absent).</param>
    /// <param name="command">The command as written, before ${PLUGIN_ROOT}-style substitution (the non-Windows one).</param>
    /// <param name="timeoutSeconds">The configured timeout, or null for the default.</param>
    /// <param name="isAsync">The handler's async flag as written.</param>
    /// <param name="statusMessage">The status message, or null.</param>
    /// <param name="additionalContextLimit">additionalContextLimit as written, or null.</param>
    public static string ForCommand(string eventName, string? matcher, string command, long? timeoutSeconds, bool isAsync, string? statusMessage, long? additionalContextLimit)
    {
        HookEvent hookEvent = HookEvent.Find(eventName) ?? throw new ArgumentException($"Codex has no hook event '{eventName}'.", nameof(eventName));
        var handler = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["type"] = "command",
            ["command"] = command,
            ["timeout"] = (long)hookEvent.EffectiveTimeout(timeoutSeconds, out _),
            ["async"] = isAsync,
        };
        if (statusMessage is not null)
        {
            handler["statusMessage"] = statusMessage;
        }

        if (hookEvent.CanAddContext && additionalContextLimit is { } limit && limit != HookEvent.DefaultAdditionalContextLimit)
        {
            handler["additionalContextLimit"] = limit;
        }

        var identity = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["event_name"] = hookEvent.Label,
            ["hooks"] = new object[] { handler },
        };
        if (hookEvent.UsesMatcher && matcher is not null)
        {
            identity["matcher"] = matcher;
        }

        return Of(CanonicalJson.Write(identity));
    }

    /// <summary>The hash of a listed command hook; null for mcp_tool handlers (see <see cref="CodexHook.TrustHashKnown"/>).</summary>
    public static string? For(CodexHook hook) =>
        hook.HandlerType != "command" || (hook.RawConfiguredCommand ?? hook.ConfiguredCommand) is null
            ? null
            : ForCommand(hook.Event, hook.Matcher, (hook.RawConfiguredCommand ?? hook.ConfiguredCommand)!, hook.TimeoutSec, hook.Async, hook.StatusMessage, hook.AdditionalContextLimit);

    private static string Of(string canonical)
    {
        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
        return Prefix + Convert.ToHexString(digest).ToLowerInvariant();
    }
}
