using Codex.Plugins.Diagnostics;
using Codex.Plugins.Hooks;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Hooks;

public class HookLookupTests
{
    [Fact]
    public void A_hook_is_found_by_its_exact_key_and_a_near_miss_is_HookNotFound_with_the_key_as_a_hint()
    {
        using var t = new TempTree();
        t.Write("home/.codex/hooks.json", """{"hooks":{"Stop":[{"hooks":[{"type":"command","command":"echo stop"}]}]}}""");
        var lookup = new HookLookup();
        string key = $"{t.CodexHome}/hooks.json:stop:0:0";

        Assert.Equal("echo stop", lookup.Find(t.Load(), key).Command);
        Assert.Equal(new[] { key }, HookLookup.ReadBack(t.Load(), new[] { key, "gone" }).Select(h => h.Key));

        var missing = Assert.Throws<CodexIssueException>(() => lookup.Find(t.Load(), key.ToUpperInvariant()));
        Assert.Equal((ErrorIds.HookNotFound, IssueKind.NotFound), (missing.Issue.ErrorId, missing.Issue.Kind));
        Assert.Contains($"Did you mean: {key}?", missing.Issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trusting_and_revoking_show_what_they_do()
    {
        using var t = new TempTree();
        t.Write("home/.codex/hooks.json", """{"hooks":{"Stop":[{"hooks":[{"type":"command","command":"echo stop"}]}]}}""");
        CodexHook hook = new HookLookup().Find(t.Load(), $"{t.CodexHome}/hooks.json:stop:0:0");

        Assert.StartsWith("Trust the ", HookTrustEdit.Action(hook, revoke: false), StringComparison.Ordinal);
        Assert.StartsWith("Revoke trust in the ", HookTrustEdit.Action(hook, revoke: true), StringComparison.Ordinal);
        Assert.Equal(HookTrustEdit.Revoke(hook).Select(s => s.ToString()), HookTrustEdit.Steps(hook, revoke: true).Select(s => s.ToString()));
        Assert.Equal(HookTrustEdit.Approve(hook).Select(s => s.ToString()), HookTrustEdit.Steps(hook, revoke: false).Select(s => s.ToString()));
    }
}
