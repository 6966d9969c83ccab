using Codex.Plugins.Diagnostics;
using Codex.Plugins.Hooks.Execution;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Hooks;

public class HookInvocationTests
{
    private const string HooksJson = """{"hooks":{"PreToolUse":[{"matcher":"Bash","hooks":[{"type":"command","command":"echo bash"}]},{"matcher":"Edit","hooks":[{"type":"command","command":"echo edit"}]}],"Stop":[{"hooks":[{"type":"command","command":"echo stop"}]}]}}""";

    [Fact]
    public void A_recorded_payload_is_json_text_or_the_path_of_a_file_read_when_the_run_is_planned()
    {
        using var t = new TempTree();
        string file = t.Write("recorded.json", """{"hook_event_name":"Stop","session_id":"s1","stop_hook_active":false}""");

        Assert.Equal("""{"a":1}""", RecordedHookPayload.FromArgument("""{"a":1}""", _ => throw new InvalidOperationException("not a path")).Read());
        RecordedHookPayload fromPath = RecordedHookPayload.FromArgument("recorded.json", p => Path.Combine(t.Root, p));
        Assert.Equal(file, fromPath.FilePath);
        Assert.Null(fromPath.Text);

        HookRunPlan plan = HookInvocation.Plan(new HookInvocationRequest { RecordedPayload = fromPath }, t.Load(), includeUntrusted: true, Array.Empty<string>());
        Assert.Equal("Stop", plan.Event.Name);
        Assert.Equal("s1", (string?)plan.Payload["session_id"]);

        var missing = Assert.Throws<CodexIssueException>(() => RecordedHookPayload.FromFile(Path.Combine(t.Root, "gone.json")).Read());
        Assert.Equal(ErrorIds.HookInputInvalid, missing.Issue.ErrorId);
        Assert.Equal("InputObject", missing.Issue.Target);
    }

    [Fact]
    public void An_event_codex_does_not_know_and_a_payload_of_another_event_are_refused()
    {
        using var t = new TempTree();
        Assert.Null(HookInvocation.FindEvent(null));
        Assert.Equal("Stop", HookInvocation.FindEvent("Stop")!.Name);
        Assert.Equal(ErrorIds.HookInputInvalid, Assert.Throws<CodexIssueException>(() => HookInvocation.FindEvent("BeforeTool")).Issue.ErrorId);

        var request = new HookInvocationRequest { Event = "Stop", RecordedPayload = RecordedHookPayload.FromText("""{"hook_event_name":"PreToolUse"}""") };
        var mismatch = Assert.Throws<CodexIssueException>(() => HookInvocation.Plan(request, t.Load(), includeUntrusted: true, Array.Empty<string>()));
        Assert.Contains("PreToolUse payload, not Stop", mismatch.Issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_picks_the_matching_hooks_and_names_each_key_no_hook_has()
    {
        using var t = new TempTree();
        t.Write("home/.codex/hooks.json", HooksJson);
        var request = new HookInvocationRequest { Event = "PreToolUse", Fields = new HookEventInput { ToolName = "Bash" } };
        string bash = $"{t.CodexHome}/hooks.json:pre_tool_use:0:0";

        HookRunPlan all = HookInvocation.Plan(request, t.Load(), includeUntrusted: true, Array.Empty<string>());
        Assert.Equal(new[] { bash }, all.Hooks.Select(h => h.Hook.Key));
        Assert.Empty(all.Issues);

        HookRunPlan named = HookInvocation.Plan(request, t.Load(), includeUntrusted: true, new[] { bash, "nowhere:stop:0:0", "nowhere:stop:0:0" });
        Assert.Equal(new[] { bash }, named.Hooks.Select(h => h.Hook.Key));
        CodexIssue notFound = Assert.Single(named.Issues);
        Assert.Equal(ErrorIds.HookNotFound, notFound.ErrorId);
        Assert.Equal("nowhere:stop:0:0", notFound.Target);

        HookRunPlan untrusted = HookInvocation.Plan(request, t.Load(), includeUntrusted: false, Array.Empty<string>());
        Assert.NotNull(Assert.Single(untrusted.Hooks).SkipReason);
    }

    [Fact]
    public void Confirming_asks_only_for_hooks_that_would_run_and_keeps_declined_ones_as_skipped()
    {
        using var t = new TempTree();
        t.Write("home/.codex/hooks.json", HooksJson);
        HookRunPlan plan = HookInvocation.Plan(new HookInvocationRequest { Event = "Stop" }, t.Load(), includeUntrusted: true, Array.Empty<string>());
        var asked = new List<string>();

        IReadOnlyList<SelectedHook> yes = plan.Confirm(h => { asked.Add(h.Hook.Key); return true; }, out bool declinedNone);
        Assert.False(declinedNone);
        Assert.Null(Assert.Single(yes).SkipReason);

        IReadOnlyList<SelectedHook> no = plan.Confirm(_ => false, out bool declined);
        Assert.True(declined);
        Assert.Equal("not confirmed (-WhatIf or -Confirm)", Assert.Single(no).SkipReason);

        HookRunPlan skipped = HookInvocation.Plan(new HookInvocationRequest { Event = "Stop" }, t.Load(), includeUntrusted: false, Array.Empty<string>());
        IReadOnlyList<SelectedHook> kept = skipped.Confirm(h => throw new InvalidOperationException("a skipped hook is not asked about"), out bool declinedSkipped);
        Assert.False(declinedSkipped);
        Assert.Equal(skipped.Hooks, kept);
        Assert.Single(asked);
    }

    [Fact]
    public void The_shown_payload_masks_secrets_unless_asked_not_to()
    {
        using var t = new TempTree();
        const string token = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
        var request = new HookInvocationRequest { Event = "UserPromptSubmit", Fields = new HookEventInput { Prompt = $"use {token}" } };
        HookRunPlan plan = HookInvocation.Plan(request, t.Load(), includeUntrusted: true, Array.Empty<string>());

        Assert.DoesNotContain(token, plan.ShownPayload(includeSecret: false), StringComparison.Ordinal);
        Assert.Contains(token, plan.ShownPayload(includeSecret: true), StringComparison.Ordinal);
    }

    [Fact]
    public void Tool_input_given_as_json_text_is_that_json_and_text_that_is_not_json_is_refused_before_a_run()
    {
        using var t = new TempTree();
        HookEventInput Input(string text) => new() { ToolName = "Bash", ToolInput = System.Text.Json.Nodes.JsonValue.Create(text) };

        HookRunPlan parsed = HookInvocation.Plan(new HookInvocationRequest { Event = "PreToolUse", Fields = Input(""" {"command":"ls"}""") }, t.Load(), includeUntrusted: true, Array.Empty<string>());
        Assert.Equal("ls", (string?)parsed.Payload["tool_input"]!["command"]);
        HookRunPlan plain = HookInvocation.Plan(new HookInvocationRequest { Event = "PreToolUse", Fields = Input("ls -l") }, t.Load(), includeUntrusted: true, Array.Empty<string>());
        Assert.Equal("ls -l", (string?)plain.Payload["tool_input"]);

        var broken = Assert.Throws<CodexIssueException>(() => HookInvocation.Plan(new HookInvocationRequest { Event = "PreToolUse", Fields = Input("{\"command\":") }, t.Load(), includeUntrusted: true, Array.Empty<string>()));
        Assert.Equal((ErrorIds.HookInputInvalid, "ToolInput"), (broken.Issue.ErrorId, broken.Issue.Target));
        var withRecorded = new HookInvocationRequest { RecordedPayload = RecordedHookPayload.FromText("""{"hook_event_name":"Stop"}"""), Fields = Input("[1,") };
        Assert.Equal(ErrorIds.HookInputInvalid, Assert.Throws<CodexIssueException>(() => HookInvocation.Plan(withRecorded, t.Load(), includeUntrusted: true, Array.Empty<string>())).Issue.ErrorId);
    }

    [Fact]
    public void The_confirmation_names_the_hook_by_key_and_shows_its_command_cwd_and_masked_stdin()
    {
        using var t = new TempTree();
        t.Write("home/.codex/hooks.json", HooksJson);
        const string token = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
        var request = new HookInvocationRequest { Event = "Stop", Fields = new HookEventInput { SessionId = token } };
        HookRunPlan plan = HookInvocation.Plan(request, t.Load(), includeUntrusted: true, Array.Empty<string>());
        var asked = new List<(string Target, string Action)>();

        plan.Confirm(t.Environment(), includeSecret: false, (target, action) => { asked.Add((target, action)); return true; }, out bool declined);

        Assert.False(declined);
        var (key, what) = Assert.Single(asked);
        Assert.Equal(plan.Hooks[0].Hook.Key, key);
        Assert.StartsWith("Run `echo stop` (timeout ", what, StringComparison.Ordinal);
        Assert.Contains($"cwd {t.Project}) with stdin {{", what, StringComparison.Ordinal);
        Assert.DoesNotContain(token, what, StringComparison.Ordinal);
    }

    [Fact]
    public void A_log_that_cannot_be_appended_to_is_refused_before_any_hook_runs_and_an_unknown_event_too()
    {
        using var t = new TempTree();
        HookInvocation.CheckParameters("Stop", Path.Combine(t.Root, "logs", "hooks.jsonl"));
        Assert.True(File.Exists(Path.Combine(t.Root, "logs", "hooks.jsonl")));
        HookInvocation.CheckParameters(null, null);
        Assert.Equal(ErrorIds.HookInputInvalid, Assert.Throws<CodexIssueException>(() => HookInvocation.CheckParameters("BeforeTool", null)).Issue.ErrorId);
        Assert.Equal(ErrorIds.HookLogUnwritable, Assert.Throws<CodexIssueException>(() => HookInvocation.CheckParameters("Stop", t.Dir("a-folder"))).Issue.ErrorId);
    }
}
