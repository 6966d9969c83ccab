using Codex.Plugins.Diagnostics;
using Codex.Plugins.Mcp;
using Codex.Plugins.Plugins;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Plugins;

public class PluginMcpTests
{
    private static void InstallPlugin(TempTree t, string plugin, string version, string manifest, string? mcpJson = null, string marketplace = "mk")
    {
        string root = $"home/.codex/plugins/cache/{marketplace}/{plugin}/{version}";
        t.Write($"{root}/.codex-plugin/plugin.json", manifest);
        if (mcpJson is not null)
        {
            t.Write($"{root}/.mcp.json", mcpJson);
        }
    }

    [Fact]
    public void Enabled_plugins_contribute_servers_in_every_shape_codex_reads()
    {
        using var t = new TempTree();
        InstallPlugin(t, "p1", "1.0.0", "{\"name\":\"p1\",\"mcpServers\":\"./.mcp.json\"}", "{\"s_plain\":{\"command\":\"node\",\"args\":[\"./srv.js\"],\"cwd\":\"./sub\"}}");
        InstallPlugin(t, "p2", "1.0.0", "{\"name\":\"p2\"}", "{\"mcpServers\":{\"s_http\":{\"type\":\"http\",\"url\":\"https://e/mcp\",\"headers\":{\"X\":\"1\"}}}}");
        InstallPlugin(t, "p3", "1.0.0", "{\"name\":\"p3\"}", "{\"mcp_servers\":{\"s_snake\":{\"command\":\"snake\"}}}");
        InstallPlugin(t, "p4", "1.0.0", "{\"name\":\"p4\",\"mcpServers\":{\"s_inline\":{\"command\":\"inline\"}}}");
        InstallPlugin(t, "p5", "1.0.0", "{\"name\":\"p5\"}", "{\"s_off\":{\"command\":\"off\"}}");
        InstallPlugin(t, "p6", "1.0.0", "{\"name\":\"p6\"}", "{\"s_unlisted\":{\"command\":\"u\"}}");
        t.WriteUserConfig("""
            [plugins."p1@mk"]
            enabled = true
            [plugins."p2@mk"]
            [plugins."p3@mk"]
            [plugins."p4@mk"]
            [plugins."p5@mk"]
            enabled = false
            """);
        McpServerInventory inventory = McpServerInventory.Read(t.Load(), false);
        var servers = inventory.Servers.ToDictionary(s => s.Name);
        Assert.Equal(new[] { "s_http", "s_inline", "s_plain" }, servers.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(("Plugin", "p1@mk"), (servers["s_plain"].SourceKind.ToString(), servers["s_plain"].PluginId));
        Assert.EndsWith("/plugins/cache/mk/p1/1.0.0/./sub", servers["s_plain"].Cwd);
        Assert.Equal(new[] { "./srv.js" }, servers["s_plain"].Args);
        Assert.Equal("streamable_http", servers["s_http"].Transport);
        Assert.Empty(servers["s_http"].HttpHeaders);
        Assert.Contains(inventory.Issues, i => i.Kind == IssueKind.Warning && i.Message.Contains("\"headers\"") && i.Target == "p2@mk");
        CodexIssue snake = Assert.Single(inventory.Issues, i => i.Target == "p3@mk");
        Assert.Equal(ErrorIds.PluginMcpConfigInvalid, snake.ErrorId);
        Assert.Equal("p3@mk", snake.Target);
    }

    [Fact]
    public void Overrides_set_the_keys_they_name_switch_the_server_on_and_config_servers_win_name_clashes()
    {
        using var t = new TempTree();
        InstallPlugin(t, "p1", "1.0.0", "{\"name\":\"p1\"}", "{\"mcpServers\":{\"s1\":{\"command\":\"a\",\"enabled\":false,\"default_tools_approval_mode\":\"prompt\"},\"s2\":{\"command\":\"b\"},\"clash\":{\"command\":\"plugin\"}}}");
        t.WriteUserConfig("""
            [mcp_servers.clash]
            command = "config"
            [plugins."p1@mk".mcp_servers.s1]
            enabled_tools = ["t1"]
            [plugins."p1@mk".mcp_servers.s2]
            enabled = false
            """);
        var servers = McpServerInventory.Read(t.Load(), false).Servers.ToDictionary(s => s.Name);
        // The override table exists without enabled: codex reads it as enabled = true over the plugin's false, and
        // keeps the plugin's own keys the table does not name.
        Assert.True(servers["s1"].Enabled);
        Assert.Equal("prompt", servers["s1"].DefaultToolsApprovalMode);
        Assert.Equal(new[] { "t1" }, servers["s1"].EnabledTools);
        Assert.False(servers["s2"].Enabled);
        Assert.Equal("config", servers["clash"].Command);
    }

    [Fact]
    public void A_plugin_server_codex_would_skip_is_reported_and_its_siblings_still_load()
    {
        using var t = new TempTree();
        InstallPlugin(t, "p1", "1.0.0", "{\"name\":\"p1\"}", "{\"bad\":{\"command\":\"x\",\"url\":\"http://h/\"},\"good\":{\"command\":\"y\"}}");
        t.WriteUserConfig("[plugins.\"p1@mk\"]\n");
        McpServerInventory inventory = McpServerInventory.Read(t.Load(), false);
        Assert.Equal("good", Assert.Single(inventory.Servers).Name);
        CodexIssue issue = Assert.Single(inventory.Issues);
        Assert.Equal(ErrorIds.PluginMcpConfigInvalid, issue.ErrorId);
        Assert.Contains("url is not supported for stdio", issue.Message);
        Assert.EndsWith(".mcp.json", issue.File);
        Assert.Equal(1, issue.Line);
    }

    [Fact]
    public void A_broken_manifest_loads_nothing_from_that_plugin_only()
    {
        using var t = new TempTree();
        InstallPlugin(t, "p1", "1.0.0", "{\"name\": \"p1\",", "{\"s\":{\"command\":\"y\"}}");
        InstallPlugin(t, "p2", "1.0.0", "{\"name\":\"p2\"}", "{\"s2\":{\"command\":\"y\"}}");
        t.WriteUserConfig("[plugins.\"p1@mk\"]\n[plugins.\"p2@mk\"]\n");
        McpServerInventory inventory = McpServerInventory.Read(t.Load(), false);
        Assert.Equal("s2", Assert.Single(inventory.Servers).Name);
        Assert.Equal(ErrorIds.PluginManifestInvalid, Assert.Single(inventory.Issues).ErrorId);
    }

    [Theory]
    [InlineData(new[] { "1.9.0", "1.10.0" }, "1.10.0")]
    [InlineData(new[] { "2.0.0", "2.0.0-beta" }, "2.0.0")]
    [InlineData(new[] { "9.9.9", "local" }, "local")]
    [InlineData(new[] { "1.10.0", "zzz" }, "zzz")]
    public void The_active_version_follows_codex(string[] folders, string expected)
    {
        Assert.Equal(expected, PluginVersions.Active(folders));
    }

    [Theory]
    [InlineData("./.mcp.json", true)]
    [InlineData("./a/b.json", true)]
    [InlineData(".mcp.json", false)]
    [InlineData("./", false)]
    [InlineData("./../x.json", false)]
    [InlineData("/etc/passwd", false)]
    public void Manifest_paths_follow_the_dot_slash_rule(string path, bool valid)
    {
        Assert.Equal(valid, PluginPath.Resolve("/plugin", path, out _) is not null);
    }
}
