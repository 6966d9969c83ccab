using System.Text.Json.Nodes;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>
/// One run before it runs: the event, its stdin payload, the hooks picked for it (each still to be confirmed), and what
/// to tell the caller about the picking (hook files that cannot be read, keys no hook has).
/// </summary>
public sealed record HookRunPlan(HookEvent Event, JsonObject Payload, IReadOnlyList<SelectedHook> Hooks, IReadOnlyList<CodexIssue> Issues)
{
    // The payload serialized (and masked) once for the confirmation and the run, for the Payload it was made of (a
    // copy made with `with` may hold another).
    private JsonObject? textOf;
    private string? json;
    private string? masked;

    /// <summary>The payload as the hooks get it on stdin.</summary>
    public string PayloadJson()
    {
        if (!ReferenceEquals(textOf, Payload))
        {
            json = HookPayloadBuilder.Serialize(Payload);
            masked = null;
            textOf = Payload;
        }

        return json!;
    }

    /// <summary>The payload as a confirmation shows it: secrets masked unless <paramref name="includeSecret"/>.</summary>
    public string ShownPayload(bool includeSecret)
    {
        string text = PayloadJson();
        return includeSecret ? text : masked ??= HookOutputMask.Apply(text);
    }

    /// <summary>
    /// The hooks with each one that would run put to <paramref name="confirm"/> as (hook key, what it runs with which
    /// stdin in <paramref name="environment"/>'s project): ShouldProcess stays with the caller. A declined hook stays
    /// in the list, skipped as not confirmed, and <paramref name="anyDeclined"/> says so.
    /// </summary>
    public IReadOnlyList<SelectedHook> Confirm(CodexEnvironment environment, bool includeSecret, Func<string, string, bool> confirm, out bool anyDeclined)
    {
        string shown = ShownPayload(includeSecret);
        return Confirm(h => confirm(h.Hook.Key, $"Run `{h.Hook.Command}` (timeout {h.Hook.TimeoutSec}s, cwd {environment.ProjectPath}) with stdin {shown}"), out anyDeclined);
    }

    /// <summary>
    /// The hooks with each one that would run put to <paramref name="confirm"/>; a declined hook stays in the list,
    /// skipped as not confirmed, and <paramref name="anyDeclined"/> says so.
    /// </summary>
    public IReadOnlyList<SelectedHook> Confirm(Func<SelectedHook, bool> confirm, out bool anyDeclined)
    {
        var confirmed = new List<SelectedHook>(Hooks.Count);
        anyDeclined = false;
        foreach (SelectedHook hook in Hooks)
        {
            bool runs = hook.SkipReason is not null || confirm(hook);
            anyDeclined |= !runs;
            confirmed.Add(runs ? hook : hook with { SkipReason = "not confirmed (-WhatIf or -Confirm)" });
        }

        return confirmed;
    }
}
