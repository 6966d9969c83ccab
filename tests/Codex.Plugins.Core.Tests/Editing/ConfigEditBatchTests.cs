using Codex.Plugins.Configuration;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Plugins.Lifecycle;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Editing;

public class ConfigEditBatchTests
{
    private static IReadOnlyList<ConfigEditOperation> Set(string server, string mode) =>
        new[] { new ConfigEditOperation(ConfigEditKind.Set, new[] { "mcp_servers", server, "default_tools_approval_mode" }, TomlEditValue.String(mode)) };

    [Fact]
    public void Items_in_place_are_those_of_written_files_once_each_in_the_order_staged_with_their_environment()
    {
        using var first = new TempTree();
        using var second = new TempTree();
        first.WriteUserConfig("[mcp_servers.a]\ncommand = \"a\"\n[mcp_servers.b]\ncommand = \"b\"\ndefault_tools_approval_mode = \"prompt\"\n[mcp_servers.c]\ncommand = \"c\"\n");
        second.WriteUserConfig("[mcp_servers.a]\ncommand = \"a\"\n");
        ConfigStack one = first.Load(), two = second.Load();
        var batch = new ConfigEditBatch(new ConfigEditOptions());

        Assert.Equal(StagedChangeOutcome.Staged, batch.Stage(two, two.Environment.UserConfigPath, "set", "a", Set("a", "approve"), _ => true));
        Assert.Equal(StagedChangeOutcome.AlreadySo, batch.Stage(one, one.Environment.UserConfigPath, "set", "b", Set("b", "prompt"), _ => true));
        Assert.Equal(StagedChangeOutcome.Declined, batch.Stage(one, one.Environment.UserConfigPath, "set", "c", Set("c", "approve"), _ => false));
        Assert.Equal(StagedChangeOutcome.Staged, batch.Stage(one, one.Environment.UserConfigPath, "set", "a", Set("a", "approve"), _ => true));
        Assert.Equal(StagedChangeOutcome.AlreadySo, batch.Stage(one, one.Environment.UserConfigPath, "set", "a", Set("a", "approve"), _ => true));
        Assert.Empty(batch.InPlace);

        batch.Commit();

        Assert.Equal(new[]
        {
            new CommittedItem(two.Environment, "a"),
            new CommittedItem(one.Environment, "b"),
            new CommittedItem(one.Environment, "a"),
        }, batch.InPlace);
        Assert.Contains("default_tools_approval_mode = \"approve\"", File.ReadAllText(second.CodexHome + "/config.toml"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_whose_file_fails_and_one_taken_back_are_not_in_place()
    {
        using var first = new TempTree();
        using var second = new TempTree();
        first.WriteUserConfig("[mcp_servers.a]\ncommand = \"a\"\n[mcp_servers.b]\ncommand = \"b\"\n");
        second.WriteUserConfig("[mcp_servers.a]\ncommand = \"a\"\n");
        ConfigStack one = first.Load(), two = second.Load();
        var batch = new ConfigEditBatch(new ConfigEditOptions());
        batch.Stage(one, one.Environment.UserConfigPath, "set", "a", Set("a", "approve"), _ => true);
        batch.Stage(two, two.Environment.UserConfigPath, "set", "a", Set("a", "approve"), _ => true);
        batch.Stage(one, one.Environment.UserConfigPath, "set", "b", Set("b", "approve"), _ => true);
        Assert.True(batch.Unstage("b"));
        // Another writer changes the first home's file after it was read: that file is refused, the second is written.
        File.AppendAllText(first.CodexHome + "/config.toml", "# changed by someone else\n");

        IReadOnlyList<ConfigBatchFileResult> results = batch.Commit();

        Assert.Equal(ErrorIds.ConfigChangedOnDisk, Assert.Single(results.SelectMany(r => r.Errors)).ErrorId);
        Assert.Equal(new[] { new CommittedItem(two.Environment, "a") }, batch.InPlace);
    }

    [Fact]
    public void An_install_plan_sets_enabled_and_knows_when_the_configuration_already_says_so()
    {
        using var t = new TempTree();
        t.WriteUserConfig("[plugins.\"docs@team\"]\nenabled = true\n[plugins.\"off@team\"]\nenabled = false\n");
        ConfigStack stack = t.Load();
        PluginInstallPlan Plan(string id) => new(PluginKeyOf(id), t.Root, null, "1.0.0", Path.Combine(t.Root, "cache"), Array.Empty<string>());

        Assert.True(Plan("docs@team").AlreadyEnabled(stack));
        Assert.False(Plan("off@team").AlreadyEnabled(stack));
        Assert.False(Plan("new@team").AlreadyEnabled(stack));
        ConfigEditOperation step = Assert.Single(Plan("new@team").Steps);
        Assert.Equal(new[] { "plugins", "new@team", "enabled" }, step.Key);
        Assert.Equal(ConfigEditKind.Set, step.Kind);
    }

    private static Codex.Plugins.Plugins.PluginKey PluginKeyOf(string id) =>
        Codex.Plugins.Plugins.PluginKey.TryParse(id, out var key) ? key : throw new ArgumentException(id);
}
