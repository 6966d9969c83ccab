using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Hooks;

/// <summary>
/// The configuration change that trusts a hook, or takes the trust back: [hooks.state."KEY"] trusted_hash = the hash
/// Codex computes for the hook as it is now. Managed hooks need no trust, and a hook whose hash we cannot reproduce
/// is refused rather than given a hash Codex would read as Modified.
/// </summary>
public static class HookTrustEdit
{
    public static IReadOnlyList<ConfigEditOperation> Approve(CodexHook hook)
    {
        RefuseUntrustable(hook);
        return new[] { new ConfigEditOperation(ConfigEditKind.Set, StateKey(hook, "trusted_hash"), TomlEditValue.String(hook.CurrentHash!)) };
    }

    /// <summary>
    /// Removes the trusted hash. The hook's state table goes with it unless it also switches the hook off
    /// (enabled = false), which is the user's own choice and stays.
    /// </summary>
    public static IReadOnlyList<ConfigEditOperation> Revoke(CodexHook hook)
    {
        if (hook.IsManaged)
        {
            throw Refusal(hook, ErrorIds.HookTrustNotNeeded, "is managed (requirements or the system hooks.json): Codex runs it without trust, and trust cannot be taken back from it.",
                "Change it where it is managed, in requirements.toml or the system hooks.json.");
        }

        string[] key = hook.Enabled ? new[] { "hooks", "state", hook.Key } : StateKey(hook, "trusted_hash");
        return new[] { new ConfigEditOperation(ConfigEditKind.Remove, key, null) };
    }

    /// <summary>The steps that trust <paramref name="hook"/> as it is now, or with <paramref name="revoke"/> take the trust back.</summary>
    public static IReadOnlyList<ConfigEditOperation> Steps(CodexHook hook, bool revoke) => revoke ? Revoke(hook) : Approve(hook);

    /// <summary>What the confirmation shows for trusting <paramref name="hook"/> (or, with <paramref name="revoke"/>, taking the trust back).</summary>
    public static string Action(CodexHook hook, bool revoke) => revoke ? $"Revoke trust in the {Describe(hook)}" : $"Trust the {Describe(hook)}";

    /// <summary>What the review shows: what the hook runs, when, and from where.</summary>
    public static string Describe(CodexHook hook) =>
        $"{hook.Event} hook {hook.Key}{(string.IsNullOrEmpty(hook.Matcher) ? string.Empty : $" (matcher {hook.Matcher})")}, which runs: {hook.Command ?? hook.HandlerType} (timeout {hook.TimeoutSec} s; defined in {hook.File}:{hook.Line})";

    private static void RefuseUntrustable(CodexHook hook)
    {
        if (hook.IsManaged)
        {
            throw Refusal(hook, ErrorIds.HookTrustNotNeeded, "is managed (requirements or the system hooks.json): Codex runs it without asking for trust.",
                "Nothing to do: managed hooks always run.");
        }

        if (!hook.TrustHashKnown || string.IsNullOrEmpty(hook.CurrentHash))
        {
            throw Refusal(hook, ErrorIds.HookTrustHashUnknown, $"is a {hook.HandlerType} handler, whose trust hash this module cannot compute the way Codex does; a guessed hash would read as Modified.",
                "Trust it from Codex itself (the /hooks review in the TUI).");
        }
    }

    private static string[] StateKey(CodexHook hook, string leaf) => new[] { "hooks", "state", hook.Key, leaf };

    private static CodexIssueException Refusal(CodexHook hook, string errorId, string why, string action) =>
        new(new CodexIssue(errorId, IssueKind.InvalidData, $"The {hook.Event} hook {hook.Key} {why}", hook.File, hook.Line, null, hook.Key, action));
}
