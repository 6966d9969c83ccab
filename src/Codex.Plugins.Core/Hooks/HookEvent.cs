namespace Codex.Plugins.Hooks;

/// <summary>
/// One hook event of Codex 0.169.0 and the rules that differ by event. The list and every rule here were checked
/// against the binary's app-server (hooks/list), not only against the published docs, which lag behind it.
/// </summary>
public sealed class HookEvent
{
    private HookEvent(string name, string label, bool usesMatcher, bool canAddContext, bool shortTimeout)
    {
        Name = name;
        Label = label;
        UsesMatcher = usesMatcher;
        CanAddContext = canAddContext;
        HasShortTimeout = shortTimeout;
    }

    /// <summary>The name used in hooks.json and [hooks] (PascalCase), and in hook_event_name.</summary>
    public string Name { get; }

    /// <summary>The snake_case label Codex uses in hook keys and trust hashes.</summary>
    public string Label { get; }

    /// <summary>
    /// False when Codex drops the group's matcher for this event (it then matches everything, and the matcher does not
    /// enter the trust hash): PreModelRequest, PostModelRequest, UserPromptSubmit, Stop and Interrupt.
    /// </summary>
    public bool UsesMatcher { get; }

    /// <summary>Events whose hooks may return additionalContext; only they keep additionalContextLimit.</summary>
    public bool CanAddContext { get; }

    /// <summary>SessionEnd and Interrupt: default timeout 1 s, clamped to 3 s.</summary>
    public bool HasShortTimeout { get; }

    public const int DefaultTimeoutSeconds = 600;
    public const int ShortDefaultTimeoutSeconds = 1;
    public const int ShortMaxTimeoutSeconds = 3;

    /// <summary>The additionalContext spill threshold Codex uses when none is set; an explicit equal value is not hashed.</summary>
    public const long DefaultAdditionalContextLimit = 2500;

    /// <summary>Every event, in the order Codex walks them within one hooks source (hook keys and display order follow it).</summary>
    public static IReadOnlyList<HookEvent> All { get; } = new[]
    {
        new HookEvent("PreModelRequest", "pre_model_request", false, false, false),
        new HookEvent("PostModelRequest", "post_model_request", false, false, false),
        new HookEvent("PreToolUse", "pre_tool_use", true, true, false),
        new HookEvent("PermissionRequest", "permission_request", true, false, false),
        new HookEvent("PostToolUse", "post_tool_use", true, true, false),
        new HookEvent("PreCompact", "pre_compact", true, false, false),
        new HookEvent("PostCompact", "post_compact", true, false, false),
        new HookEvent("SessionStart", "session_start", true, true, false),
        new HookEvent("SessionEnd", "session_end", true, false, true),
        new HookEvent("UserPromptSubmit", "user_prompt_submit", false, true, false),
        new HookEvent("SubagentStart", "subagent_start", true, true, false),
        new HookEvent("SubagentStop", "subagent_stop", true, false, false),
        new HookEvent("Stop", "stop", false, false, false),
        new HookEvent("Interrupt", "interrupt", false, false, true),
    };

    public static IEnumerable<string> Names => All.Select(e => e.Name);

    /// <summary>The event by its PascalCase name or snake_case label, case-insensitively; null when Codex has none such.</summary>
    public static HookEvent? Find(string? name) =>
        name is null ? null : All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(e.Label, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The timeout Codex applies: default 600 s (1 s for the short events), at least 1, at most 3 for the short events.</summary>
    public int EffectiveTimeout(long? configured, out bool clamped)
    {
        clamped = false;
        if (HasShortTimeout)
        {
            long value = configured ?? ShortDefaultTimeoutSeconds;
            clamped = configured > ShortMaxTimeoutSeconds;
            return (int)Math.Clamp(value, 1, ShortMaxTimeoutSeconds);
        }

        return (int)Math.Clamp(configured ?? DefaultTimeoutSeconds, 1, int.MaxValue);
    }

    public override string ToString() => Name;
}
