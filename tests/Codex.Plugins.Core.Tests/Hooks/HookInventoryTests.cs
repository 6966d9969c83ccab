using Codex.Plugins.Diagnostics;
using Codex.Plugins.Hooks;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Hooks;

public class HookInventoryTests
{
    private const string StopHooksJson = """{"hooks":{"Stop":[{"hooks":[{"type":"command","command":"echo stop"}]}]}}""";

    [Fact]
    public void Lists_sources_in_codex_order_with_codex_keys()
    {
        using var t = new TempTree();
        string managedDir = t.Dir("managed");
        t.Write("etc-codex/requirements.toml", $"""
            [hooks]
            managed_dir = "{managedDir}"
            [[hooks.PreToolUse]]
            matcher = "^Bash$"
            [[hooks.PreToolUse.hooks]]
            type = "command"
            command = "echo managed"
            """);
        t.Write("etc-codex/hooks.json", StopHooksJson);
        t.Write("home/.codex/hooks.json", """{"hooks":{"Stop":[{"hooks":[{"type":"command","command":"echo a"},{"type":"command","command":"echo b","timeout":5}]}],"PreToolUse":[{"matcher":"Bash","hooks":[{"type":"command","command":"echo pre"}]}]}}""");
        t.Dir("work/.git");
        t.Write("work/.codex/hooks.json", StopHooksJson);
        t.WriteUserConfig($"""
            [projects."{t.Project}"]
            trust_level = "trusted"

            [[hooks.UserPromptSubmit]]
            [[hooks.UserPromptSubmit.hooks]]
            type = "command"
            command = "echo ups"
            """);

        HookInventory inventory = HookInventory.Read(t.Load());

        Assert.Empty(inventory.Issues);
        Assert.Equal(new[]
        {
            $"{managedDir}:pre_tool_use:0:0",
            $"{t.System}/hooks.json:stop:0:0",
            $"{t.CodexHome}/hooks.json:pre_tool_use:0:0",
            $"{t.CodexHome}/hooks.json:stop:0:0",
            $"{t.CodexHome}/hooks.json:stop:0:1",
            $"{t.CodexHome}/config.toml:user_prompt_submit:0:0",
            $"{t.Project}/.codex/hooks.json:stop:0:0",
        }, inventory.Hooks.Select(h => h.Key));
        Assert.Equal(new[] { "system", "system", "user", "user", "user", "user", "project" }, inventory.Hooks.Select(h => h.Source));
        Assert.Equal(new[] { "Managed", "Managed", "Untrusted", "Untrusted", "Untrusted", "Untrusted", "Untrusted" }, inventory.Hooks.Select(h => h.TrustStatus.ToString()));
        Assert.Equal(5, inventory.Hooks.Single(h => h.Key.EndsWith("stop:0:1", StringComparison.Ordinal)).TimeoutSec);
        Assert.All(inventory.Hooks.Where(h => h.Key != $"{t.CodexHome}/hooks.json:stop:0:1"), h => Assert.Equal(600, h.TimeoutSec));
        Assert.Equal(Enumerable.Range(0, 7), inventory.Hooks.Select(h => h.DisplayOrder));
    }

    [Fact]
    public void Trust_state_gives_trusted_modified_and_disabled()
    {
        using var t = new TempTree();
        string file = t.Write("home/.codex/hooks.json", """{"hooks":{"Stop":[{"hooks":[{"type":"command","command":"echo one"},{"type":"command","command":"echo two"},{"type":"command","command":"echo three"}]}]}}""");
        string good = HookTrustHash.ForCommand("Stop", null, "echo one", null, false, null, null);
        t.WriteUserConfig($"""
            [hooks.state."{file}:stop:0:0"]
            trusted_hash = "{good}"
            [hooks.state."{file}:stop:0:1"]
            trusted_hash = "{good}"
            [hooks.state."{file}:stop:0:2"]
            enabled = false
            """);

        var hooks = HookInventory.Read(t.Load()).Hooks;

        Assert.Equal(new[] { "Trusted", "Modified", "Untrusted" }, hooks.Select(h => h.TrustStatus.ToString()));
        Assert.Equal(new[] { true, true, false }, hooks.Select(h => h.Enabled));
        Assert.Equal(new[] { true, false, false }, hooks.Select(h => h.WouldRun));
        Assert.Equal(good, hooks[0].CurrentHash);
        Assert.True(hooks[0].TrustHashKnown);
    }

    [Fact]
    public void Plugin_hooks_get_plugin_keys_and_environment()
    {
        using var t = new TempTree();
        string p1 = "home/.codex/plugins/cache/mk/p1/1.0.0";
        t.Write($"{p1}/.codex-plugin/plugin.json", """{"name":"p1"}""");
        t.Write($"{p1}/hooks/hooks.json", """{"hooks":{"PreToolUse":[{"matcher":"Bash","hooks":[{"type":"command","command":"${PLUGIN_ROOT}/check.sh ${CLAUDE_PLUGIN_DATA} ${HOME}"}]}]}}""");
        string p2 = "home/.codex/plugins/cache/mk/p2/2.0.0";
        t.Write($"{p2}/.codex-plugin/plugin.json", """{"name":"p2","hooks":["./custom/a.json", "../escape.json"]}""");
        t.Write($"{p2}/custom/a.json", StopHooksJson);
        string p4 = "home/.codex/plugins/cache/mk/p4/1.0.0";
        t.Write($"{p4}/.codex-plugin/plugin.json", """{"name":"p4","hooks":[{"hooks":{}}, {"hooks":{"Stop":[{"hooks":[{"type":"command","command":"echo inline"}]}]}}]}""");
        string p5 = "home/.codex/plugins/cache/mk/p5/1.0.0";
        // A list mixing paths and inline objects: codex 0.169.0 loads nothing from it.
        t.Write($"{p5}/.codex-plugin/plugin.json", """{"name":"p5","hooks":["./custom/a.json", {"hooks":{"Stop":[{"hooks":[{"type":"command","command":"echo mixed"}]}]}}]}""");
        t.Write($"{p5}/custom/a.json", StopHooksJson);
        string p3 = "home/.codex/plugins/cache/mk/p3/1.0.0";
        t.Write($"{p3}/.codex-plugin/plugin.json", """{"name":"p3"}""");
        t.Write($"{p3}/hooks/hooks.json", StopHooksJson);
        t.WriteUserConfig("""
            [plugins."p1@mk"]
            [plugins."p2@mk"]
            enabled = true
            [plugins."p3@mk"]
            enabled = false
            [plugins."p4@mk"]
            [plugins."p5@mk"]
            """);

        HookInventory inventory = HookInventory.Read(t.Load());

        Assert.Equal(new[] { "p1@mk:hooks/hooks.json:pre_tool_use:0:0", "p2@mk:custom/a.json:stop:0:0", "p4@mk:plugin.json#hooks[1]:stop:0:0" }, inventory.Hooks.Select(h => h.Key));
        var pre = inventory.Hooks[0];
        string root = Path.Combine(t.Root, p1);
        string data = Path.Combine(t.CodexHome, "plugins", "data", "p1-mk");
        Assert.Equal($"{root}/check.sh {data} ${{HOME}}", pre.Command);
        Assert.Equal(root, pre.Environment["CLAUDE_PLUGIN_ROOT"]);
        Assert.Equal(data, pre.Environment["PLUGIN_DATA"]);
        Assert.Equal("plugin", pre.Source);
        Assert.True(pre.TrustHashKnown);
        // The hash covers the command as written, not as substituted.
        Assert.Equal(HookTrustHash.ForCommand("PreToolUse", "Bash", "${PLUGIN_ROOT}/check.sh ${CLAUDE_PLUGIN_DATA} ${HOME}", null, false, null, null), pre.CurrentHash);
        Assert.Contains(inventory.Issues, i => i.ErrorId == ErrorIds.PluginPathInvalid && i.Target == "p2@mk");
        Assert.Contains(inventory.Issues, i => i.ErrorId == ErrorIds.PluginPathInvalid && i.Target == "p5@mk" && i.Message.Contains("mixes", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_sources_are_issues_and_the_rest_still_loads()
    {
        using var t = new TempTree();
        string broken = t.Write("etc-codex/hooks.json", """{"hooks":{"Stop":[{"hooks":[{"type":"command"}]}]}}""");
        t.Write("home/.codex/hooks.json", """
            {"hooks":{
              "PreToolUse":[{"matcher":"[","hooks":[{"type":"command","command":"echo bad"}]},
                            {"matcher":"Bash","hooks":[{"type":"prompt"},{"type":"command","command":"  "},{"type":"command","command":"echo ok"}]}],
              "SessionEnd":[{"hooks":[{"type":"command","command":"echo end","timeout":10}]}],
              "NotAnEvent":[{"hooks":[{"type":"command","command":"echo ignored"}]}]}}
            """);
        t.WriteUserConfig("model = \"x\"\n");

        HookInventory inventory = HookInventory.Read(t.Load());

        Assert.Equal(new[] { $"{t.CodexHome}/hooks.json:pre_tool_use:1:2", $"{t.CodexHome}/hooks.json:session_end:0:0" }, inventory.Hooks.Select(h => h.Key));
        Assert.Equal(3, inventory.Hooks[1].TimeoutSec);
        CodexIssue fileIssue = Assert.Single(inventory.Issues, i => i.ErrorId == ErrorIds.HookFileInvalid);
        Assert.Equal(broken, fileIssue.File);
        Assert.Contains("missing field `command`", fileIssue.Message);
        Assert.Single(inventory.Issues, i => i.ErrorId == ErrorIds.HookMatcherInvalid);
        Assert.Equal(2, inventory.Issues.Count(i => i.ErrorId == ErrorIds.HookHandlerSkipped));
        Assert.Single(inventory.Issues, i => i.ErrorId == ErrorIds.HookSettingAdjusted);
    }

    [Fact]
    public void Unknown_top_level_field_rejects_the_whole_file()
    {
        using var t = new TempTree();
        t.Write("home/.codex/hooks.json", """{"hooks":{"Stop":[{"hooks":[{"type":"command","command":"echo stop"}]}]},"extra":1}""");

        HookInventory inventory = HookInventory.Read(t.Load());

        Assert.Empty(inventory.Hooks);
        Assert.Contains("unknown field `extra`", Assert.Single(inventory.Issues).Message);
    }

    [Fact]
    public void Untrusted_projects_and_managed_only_requirements_drop_sources()
    {
        using var t = new TempTree();
        t.Dir("work/.git");
        t.Write("work/.codex/hooks.json", StopHooksJson);
        t.Write("home/.codex/hooks.json", StopHooksJson);
        Assert.Equal(new[] { $"{t.CodexHome}/hooks.json:stop:0:0" }, HookInventory.Read(t.Load()).Hooks.Select(h => h.Key));

        t.Write("etc-codex/requirements.toml", "allow_managed_hooks_only = true\n");
        Assert.Empty(HookInventory.Read(t.Load()).Hooks);
    }
}
