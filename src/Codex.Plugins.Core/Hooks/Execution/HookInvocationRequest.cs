namespace Codex.Plugins.Hooks.Execution;

/// <summary>What Invoke-CodexHook was asked for, as bound: the event, a recorded payload, or the payload's fields.</summary>
public sealed class HookInvocationRequest
{
    /// <summary>The event named by -Event (null: the recorded payload's hook_event_name decides).</summary>
    public string? Event { get; init; }

    /// <summary>A recorded payload, inline or in a file (null: build one from <see cref="Fields"/>).</summary>
    public RecordedHookPayload? RecordedPayload { get; init; }

    /// <summary>The Codex release whose payload fields are built (they differ between releases).</summary>
    public Version CodexVersion { get; init; } = new(0, 169, 0);

    /// <summary>The payload's fields; cwd, model and permission_mode default from the configuration when not given.</summary>
    public HookEventInput Fields { get; init; } = new();
}
