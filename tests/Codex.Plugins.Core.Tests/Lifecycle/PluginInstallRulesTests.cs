using Codex.Plugins.Plugins;
using Codex.Plugins.Plugins.Lifecycle;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Lifecycle;

public class PluginInstallRulesTests
{
    private static IReadOnlyList<PluginRefusal> Check(TempTree t, string folder, string manifest, string? expected, out string? name, out string? version)
    {
        t.Write($"{folder}/.codex-plugin/plugin.json", manifest);
        string root = t.Dir(folder);
        PluginManifestFile? file = PluginManifestReader.Read(root, folder, out var problem);
        return PluginInstallRules.Check(root, file, problem, expected, out name, out version);
    }

    [Theory]
    [InlineData("{\"name\":\"p\",\"version\":\" 1.2.3-beta+7 \"}", "1.2.3-beta+7")]
    [InlineData("{\"name\":\"p\"}", "local")]
    [InlineData("{\"name\":\"p\",\"version\":null}", "local")]
    [InlineData("{\"name\":\"p\",\"version\":\"1.0.0\",\"skills\":5,\"hooks\":\"x\",\"mcpServers\":[],\"interface\":{\"defaultPrompt\":{}},\"other\":1}", "1.0.0")]
    public void Codex_installs_these_under_this_version(string manifest, string expected)
    {
        using var t = new TempTree();
        Assert.Empty(Check(t, "p", manifest, "p", out string? name, out string? version));
        Assert.Equal("p", name);
        Assert.Equal(expected, version);
    }

    [Theory]
    [InlineData("{\"name\":\"p\",\"version\":\"\"}", "invalid plugin version in plugin.json: must not be blank")]
    [InlineData("{\"name\":\"p\",\"version\":1}", "invalid plugin version in plugin.json: expected string")]
    [InlineData("{\"name\":\"p\",\"version\":\"a b\"}", "invalid plugin version: only ASCII letters, digits, `.`, `+`, `_`, and `-` are allowed")]
    [InlineData("{\"name\":\"p\",\"version\":\"..\"}", "invalid plugin version: path traversal is not allowed")]
    [InlineData("{\"name\":\"p\",\"keywords\":[1]}", "missing or invalid plugin.json")]
    [InlineData("{\"name\":\"p\",\"interface\":{\"logo\":[]}}", "missing or invalid plugin.json")]
    [InlineData("{\"name\":\"p\",\"interface\":[]}", "missing or invalid plugin.json")]
    [InlineData("{\"name\":\"p.q\"}", "invalid plugin name `p.q`")]
    [InlineData("{\"name\":\"other\"}", "plugin.json name `other` does not match marketplace plugin name `p`")]
    public void Codex_refuses_these_first_with_these_words(string manifest, string words)
    {
        using var t = new TempTree();
        IReadOnlyList<PluginRefusal> refusals = Check(t, "p", manifest, "p", out string? name, out _);
        Assert.StartsWith(words, refusals[0].Message);
        Assert.Null(name);
    }

    [Fact]
    public void A_blank_name_falls_back_to_the_folder_name()
    {
        using var t = new TempTree();
        Assert.Empty(Check(t, "folder-name", "{\"name\":\"  \",\"version\":\"1.0.0\"}", "folder-name", out string? name, out _));
        Assert.Equal("folder-name", name);
    }
}
