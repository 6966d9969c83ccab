using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Configuration;

public class ConfigStackTests
{
    private static string Str(ConfigStack stack, string key) => (string)((TomlValueNode)stack.Get(key)!).Value;

    [Fact]
    public void Layers_apply_in_codex_order_and_managed_wins()
    {
        using var t = new TempTree();
        t.Write("etc-codex/config.toml", "model = \"system\"\nsys_only = 1\n");
        t.WriteUserConfig("model = \"user\"\n");
        t.Write("home/.codex/work.config.toml", "model = \"profile\"\n");
        t.Write("etc-codex/managed_config.toml", "approval_policy = \"on-request\"\n");
        ConfigStack stack = t.Load(profile: "work");

        Assert.Equal(new[] { ConfigLayerKind.System, ConfigLayerKind.User, ConfigLayerKind.Profile, ConfigLayerKind.Project, ConfigLayerKind.Managed },
            stack.Layers.Select(l => l.Kind));
        Assert.Equal("profile", Str(stack, "model"));
        Assert.Equal(ConfigLayerKind.Profile, stack.LayerOf(stack.Get("model")!)!.Kind);
        Assert.Equal(ConfigLayerKind.System, stack.LayerOf(stack.Get("sys_only")!)!.Kind);
        Assert.Equal(ConfigLayerKind.Managed, stack.LayerOf(stack.Get("approval_policy")!)!.Kind);

        t.Write("etc-codex/managed_config.toml", "model = \"managed\"\n");
        Assert.Equal("managed", Str(t.Load(profile: "work"), "model"));
    }

    [Fact]
    public void Tables_merge_key_by_key_and_arrays_are_replaced()
    {
        using var t = new TempTree();
        t.Write("etc-codex/config.toml", "[mcp_servers.s]\ncommand = \"sys\"\nargs = [\"a\", \"b\"]\nenv = { A = \"1\" }\n");
        t.WriteUserConfig("[mcp_servers.s]\nargs = [\"c\"]\nenv = { B = \"2\" }\n");
        ConfigStack stack = t.Load();
        Assert.Equal("sys", Str(stack, "mcp_servers.s.command"));
        Assert.Equal(new object[] { "c" }, (object[])stack.Get("mcp_servers.s.args")!.ToPlainValue()!);
        Assert.Equal(2, ((TomlTableNode)stack.Get("mcp_servers.s.env")!).Count);
    }

    [Fact]
    public void A_top_level_profile_selector_is_refused_like_codex_does()
    {
        using var t = new TempTree();
        t.WriteUserConfig("profile = \"work\"\n");
        CodexIssue issue = Assert.Single(t.Load().Issues);
        Assert.Equal(ErrorIds.LegacyProfileTable, issue.ErrorId);
        Assert.Contains("legacy `profile = \"work\"` config is no longer supported", issue.Message);
        Assert.Equal(1, issue.Line);
    }

    [Fact]
    public void A_legacy_profiles_table_blocks_only_that_profile()
    {
        using var t = new TempTree();
        t.WriteUserConfig("model = \"a\"\n\n[profiles.work]\nmodel = \"b\"\n");
        Assert.DoesNotContain(t.Load().Issues, i => i.Kind != IssueKind.Warning);
        Assert.DoesNotContain(t.Load(profile: "other").Issues, i => i.Kind != IssueKind.Warning);
        CodexIssue issue = Assert.Single(t.Load(profile: "work").Issues, i => i.Kind != IssueKind.Warning);
        Assert.Equal(ErrorIds.LegacyProfileTable, issue.ErrorId);
        Assert.Equal(3, issue.Line);
    }

    [Fact]
    public void A_missing_profile_file_is_only_a_warning()
    {
        using var t = new TempTree();
        t.WriteUserConfig("model = \"a\"\n");
        CodexIssue issue = Assert.Single(t.Load(profile: "nope").Issues);
        Assert.Equal((ErrorIds.ProfileNotFound, IssueKind.Warning), (issue.ErrorId, issue.Kind));
    }

    [Fact]
    public void An_empty_git_folder_is_not_a_project_root()
    {
        using var t = new TempTree();
        t.Write("work/outer/.git", "gitdir: /elsewhere/.git/worktrees/outer\n");
        t.Dir("work/outer/inner/.git");
        string inner = t.Dir("work/outer/inner/src");
        t.WriteUserConfig(string.Empty);

        // codex passes over a .git folder without HEAD and takes the next .git up (a file counts: worktrees use one).
        Assert.Equal(Path.Combine(t.Project, "outer"), t.Load(inner).ProjectRoot);
    }

    [Fact]
    public void Project_layers_load_from_root_to_cwd_only_when_trusted()
    {
        using var t = new TempTree();
        t.Write("work/repo/.git/HEAD", "ref: refs/heads/main\n");
        t.Write("work/repo/.codex/config.toml", "model = \"root\"\nroot_only = true\n");
        t.Write("work/repo/sub/.codex/config.toml", "model = \"sub\"\n");
        string repo = Path.Combine(t.Project, "repo");
        string sub = Path.Combine(repo, "sub");
        string deeper = t.Dir("work/repo/sub/deeper");

        t.WriteUserConfig(string.Empty);
        ConfigStack untrusted = t.Load(deeper);
        Assert.All(untrusted.Layers.Where(l => l.Kind == ConfigLayerKind.Project && l.Exists), l => Assert.False(l.Applied));
        Assert.Null(untrusted.Get("model"));

        t.WriteUserConfig($"[projects.\"{repo}\"]\ntrust_level = \"trusted\"\n");
        ConfigStack trusted = t.Load(deeper);
        Assert.Equal(repo, trusted.ProjectRoot);
        Assert.Equal("sub", Str(trusted, "model"));
        Assert.NotNull(trusted.Get("root_only"));

        // Only the subfolder trusted: the root layer stays out.
        t.WriteUserConfig($"[projects.\"{sub}\"]\ntrust_level = \"trusted\"\n");
        ConfigStack subOnly = t.Load(sub);
        Assert.Equal("sub", Str(subOnly, "model"));
        Assert.Null(subOnly.Get("root_only"));

        // An explicit "untrusted" on the subfolder wins over a trusted root.
        t.WriteUserConfig($"[projects.\"{repo}\"]\ntrust_level = \"trusted\"\n[projects.\"{sub}\"]\ntrust_level = \"untrusted\"\n");
        Assert.Equal("root", Str(t.Load(sub), "model"));

        // A trusted parent of the repository does nothing.
        t.WriteUserConfig($"[projects.\"{t.Project}\"]\ntrust_level = \"trusted\"\n");
        Assert.Null(t.Load(sub).Get("model"));
    }

    [Fact]
    public void Outside_a_repository_only_the_cwd_layer_is_read()
    {
        using var t = new TempTree();
        string parent = t.Dir("loose");
        string child = t.Dir("loose/child");
        t.Write("loose/.codex/config.toml", "parent = 1\n");
        t.Write("loose/child/.codex/config.toml", "child = 1\n");
        t.WriteUserConfig($"[projects.\"{parent}\"]\ntrust_level = \"trusted\"\n[projects.\"{child}\"]\ntrust_level = \"trusted\"\n");
        ConfigStack stack = t.Load(child);
        Assert.NotNull(stack.Get("child"));
        Assert.Null(stack.Get("parent"));
    }

    [Fact]
    public void A_broken_layer_is_an_issue_and_the_rest_still_loads()
    {
        using var t = new TempTree();
        t.Write("etc-codex/config.toml", "model = [\n");
        t.WriteUserConfig("model = \"user\"\n");
        ConfigStack stack = t.Load();
        CodexIssue issue = Assert.Single(stack.Issues);
        Assert.Equal(ErrorIds.ConfigParseError, issue.ErrorId);
        Assert.Equal(Path.Combine(t.System, "config.toml"), issue.File);
        Assert.False(stack.IsLoadable);
        Assert.Equal("user", Str(stack, "model"));
    }

    [Fact]
    public void Config_values_report_what_they_override()
    {
        using var t = new TempTree();
        t.Write("etc-codex/config.toml", "model = \"system\"\n");
        t.WriteUserConfig("\nmodel = \"user\"\n[mcp_servers.s]\ncommand = \"x\"\nenv = { TOKEN = \"sk-live-123\" }\n");
        ConfigStack stack = t.Load();
        var values = ConfigValueReader.Read(stack, null, null, includeSecret: false).ToList();
        CodexConfigValue model = values.Single(v => v.Key == "model");
        Assert.Equal(("user", "User", 2), ((string)model.Value!, model.Layer, model.Line));
        Assert.Equal(new[] { $"{Path.Combine(t.System, "config.toml")}:1:1" }, model.Overrides);
        CodexConfigValue token = values.Single(v => v.Key == "mcp_servers.s.env.TOKEN");
        Assert.Equal("*****", token.Value);
        Assert.True(token.IsMasked);
        Assert.Equal("sk-live-123", ConfigValueReader.Read(stack, "mcp_servers.s.env", null, includeSecret: true).Single().Value);
        Assert.Single(ConfigValueReader.Read(stack, null, ConfigLayerKind.System, false));
    }
}
