using System.Text.Json.Nodes;
using Codex.Plugins.Hooks;
using Codex.Plugins.Hooks.Execution;

namespace Codex.Plugins.Tests.Hooks;

public class HookExecutionTests
{
    private static HookEvent E(string name) => HookEvent.Find(name)!;

    private static HookProcessResult Exit(int code, string stdout = "", string stderr = "") =>
        new(code, stdout, stderr, stdout.Length, stderr.Length, false, null, TimeSpan.FromMilliseconds(5));

    [Theory]
    [InlineData("PreToolUse", 0, "", "", "Completed", null)]
    [InlineData("PreToolUse", 0, "plain words", "", "Completed", null)]
    [InlineData("PreToolUse", 0, "{not json", "", "Failed", null)]
    [InlineData("PreToolUse", 2, "", "no rm", "Blocked", "Deny")]
    [InlineData("PreToolUse", 2, "", "  ", "Failed", null)]
    [InlineData("PreToolUse", 1, "", "boom", "Failed", null)]
    [InlineData("PreToolUse", 0, """{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":"nope"}}""", "", "Blocked", "Deny")]
    [InlineData("PreToolUse", 0, """{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny"}}""", "", "Failed", null)]
    [InlineData("PreToolUse", 0, """{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"ask"}}""", "", "Failed", null)]
    [InlineData("PreToolUse", 0, """{"decision":"block","reason":"legacy"}""", "", "Blocked", "Deny")]
    [InlineData("PreToolUse", 0, """{"decision":"approve"}""", "", "Failed", null)]
    [InlineData("PreToolUse", 0, """{"continue":false}""", "", "Failed", null)]
    [InlineData("PreToolUse", 0, """{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"allow","updatedInput":{"command":"ls"}}}""", "", "Completed", "Allow")]
    [InlineData("Stop", 0, "plain words", "", "Failed", null)]
    [InlineData("Stop", 0, """{"decision":"block","reason":"keep going"}""", "", "Blocked", "Block")]
    [InlineData("Stop", 0, """{"decision":"block"}""", "", "Failed", null)]
    [InlineData("Stop", 0, """{"continue":false,"stopReason":"enough"}""", "", "Stopped", "Stop")]
    [InlineData("UserPromptSubmit", 0, "context words", "", "Completed", null)]
    [InlineData("UserPromptSubmit", 2, "", "not that prompt", "Blocked", "Block")]
    [InlineData("PostToolUse", 0, """{"reason":"no decision"}""", "", "Failed", null)]
    [InlineData("PostToolUse", 0, """{"hookSpecificOutput":{"hookEventName":"PostToolUse","updatedMCPToolOutput":{}}}""", "", "Failed", null)]
    [InlineData("PermissionRequest", 0, """{"hookSpecificOutput":{"hookEventName":"PermissionRequest","decision":{"behavior":"deny"}}}""", "", "Blocked", "Deny")]
    [InlineData("PermissionRequest", 0, """{"hookSpecificOutput":{"hookEventName":"PermissionRequest","decision":{"behavior":"allow","updatedInput":{}}}}""", "", "Failed", null)]
    [InlineData("SessionStart", 2, "", "cannot block", "Failed", null)]
    public void Results_follow_the_event_protocol(string eventName, int exit, string stdout, string stderr, string status, string? decision)
    {
        HookInterpretation meaning = HookOutputInterpreter.Interpret(E(eventName), Exit(exit, stdout, stderr));
        Assert.Equal(status, meaning.Status);
        Assert.Equal(decision, meaning.Decision);
    }

    [Fact]
    public void Context_comes_from_json_or_from_plain_text_where_codex_takes_it()
    {
        Assert.Equal("from json", HookOutputInterpreter.Interpret(E("PreToolUse"), Exit(0, """{"hookSpecificOutput":{"hookEventName":"PreToolUse","additionalContext":"from json"}}""")).AdditionalContext);
        Assert.Equal("plain", HookOutputInterpreter.Interpret(E("SessionStart"), Exit(0, "plain\n")).AdditionalContext);
        Assert.Null(HookOutputInterpreter.Interpret(E("PreToolUse"), Exit(0, "plain")).AdditionalContext);
    }

    [Fact]
    public void Timeouts_and_start_failures_are_failures()
    {
        var timedOut = new HookProcessResult(null, "", "", 0, 0, true, "hook timed out after 1s", TimeSpan.FromSeconds(1));
        Assert.Equal("TimedOut", HookOutputInterpreter.Interpret(E("PreToolUse"), timedOut).Status);
        var failed = new HookProcessResult(null, "", "", 0, 0, false, "failed to start", TimeSpan.Zero);
        Assert.Equal("Failed", HookOutputInterpreter.Interpret(E("Stop"), failed).Status);
    }

    private static CodexHookResult R(string status, string? decision = null, string? reason = null, string? updated = null, int? order = null, bool isAsync = false) =>
        new() { Event = "x", HookKey = "k", Status = status, Decision = decision, Reason = reason, UpdatedInput = updated, FinishOrder = order, Async = isAsync };

    [Fact]
    public void Any_deny_wins_and_the_last_rewrite_to_finish_wins()
    {
        var denied = HookRunner.Combine(E("PreToolUse"), new[] { R("Completed", "Allow", updated: "{\"command\":\"a\"}", order: 1), R("Blocked", "Deny", "no", order: 2) }, "{}");
        Assert.Equal("Deny", denied.Decision);
        Assert.Null(denied.UpdatedInput);

        var rewritten = HookRunner.Combine(E("PreToolUse"), new[] { R("Completed", "Allow", updated: "{\"command\":\"late\"}", order: 2), R("Completed", "Allow", updated: "{\"command\":\"early\"}", order: 1) }, "{}");
        Assert.Equal("Allow", rewritten.Decision);
        Assert.Equal("{\"command\":\"late\"}", rewritten.UpdatedInput);

        Assert.Equal("Proceed", HookRunner.Combine(E("PreToolUse"), new[] { R("Failed"), R("Completed") }, "{}").Decision);
        Assert.Equal("Ask", HookRunner.Combine(E("PermissionRequest"), new[] { R("Completed") }, "{}").Decision);
    }

    [Fact]
    public void Continue_false_wins_over_a_stop_block_and_async_hooks_do_not_count()
    {
        Assert.Equal("Stop", HookRunner.Combine(E("Stop"), new[] { R("Blocked", "Block", "go on"), R("Stopped", "Stop", "enough") }, "{}").Decision);
        Assert.Equal("Block", HookRunner.Combine(E("Stop"), new[] { R("Blocked", "Block", "go on"), R("Completed") }, "{}").Decision);
        var outcome = HookRunner.Combine(E("PreToolUse"), new[] { R("Blocked", "Deny", "no", isAsync: true), R("Skipped") }, "{}");
        Assert.Equal("Proceed", outcome.Decision);
        Assert.Equal(1, outcome.Blocked);
        Assert.Equal(1, outcome.Skipped);
    }

    [Fact]
    public void Payloads_have_codex_fields_in_codex_order()
    {
        string Keys(string name, string version = "0.169.0") => string.Join(",", HookPayloadBuilder.Build(E(name), new HookEventInput(), "/work", "m", Version.Parse(version)).Select(p => p.Key));
        Assert.Equal("session_id,transcript_path,cwd,hook_event_name,model,permission_mode,source", Keys("SessionStart"));
        Assert.Equal("session_id,turn_id,transcript_path,cwd,hook_event_name,model,permission_mode,tool_name,tool_input,tool_response,tool_use_id", Keys("PostToolUse"));
        Assert.Equal("session_id,transcript_path,cwd,hook_event_name,reason", Keys("SessionEnd"));
        Assert.Equal("session_id,turn_id,cwd,transcript_path,model,hook_event_name", Keys("PreModelRequest"));
    }

    [Fact]
    public void Model_request_payloads_follow_the_release()
    {
        JsonObject Build(string name, string version) => HookPayloadBuilder.Build(E(name), new HookEventInput { SessionId = "s1" }, "/work", null, Version.Parse(version));
        Assert.Equal("session_id,turn_id,cwd,transcript_path,model,hook_event_name,status,error,token_usage", string.Join(",", Build("PostModelRequest", "0.169.0").Select(p => p.Key)));
        JsonObject current = Build("PostModelRequest", "0.171.0");
        Assert.Equal("kind,request_id,attempt_number,session_id,thread_id,turn_id,cwd,transcript_path,model,hook_event_name,status,error,token_usage,response_id", string.Join(",", current.Select(p => p.Key)));
        Assert.Equal("s1", (string?)current["thread_id"]);
        Assert.StartsWith("resp_", (string?)current["response_id"]);
        Assert.Equal(1, (int?)current["attempt_number"]);
        // A release between the checked ones sends what the older one sends; without a model, the release's default model.
        Assert.False(Build("PreModelRequest", "0.170.0").ContainsKey("kind"));
        Assert.Equal("gpt-6.2-sol", (string?)Build("PreModelRequest", "0.171.0")["model"]);
        Assert.Equal("gpt-6.1-sol", (string?)Build("PreModelRequest", "0.169.0")["model"]);
    }

    [Fact]
    public void Matchers_see_apply_patch_as_edit_and_write()
    {
        var payload = HookPayloadBuilder.Build(E("PreToolUse"), new HookEventInput { ToolName = "apply_patch" }, "/w", null, Version.Parse("0.171.0"));
        Assert.Equal(new[] { "apply_patch", "Edit", "Write" }, HookPayloadBuilder.MatcherInputs(E("PreToolUse"), payload));
    }

    [Theory]
    [InlineData("token=ghp_0123456789abcdefghijABCDEFGHIJKLMNOP", "ghp_0123")]
    [InlineData("Authorization: Bearer abcdefghijklmnop", "abcdefghijklmnop")]
    [InlineData("{\"api_key\": \"s3cr3t-value\"}", "s3cr3t-value")]
    [InlineData("OPENAI_API_KEY=sk-proj-abcdefghijklmnopqrstuvwx", "sk-proj")]
    public void Masks_secrets_in_hook_output(string text, string secret)
    {
        string masked = HookOutputMask.Apply(text);
        Assert.DoesNotContain(secret, masked, StringComparison.Ordinal);
        Assert.Contains("*****", masked, StringComparison.Ordinal);
    }
}
