using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Plugins;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Plugins;

/// <summary>
/// The shortcuts that make a marketplace of 40,000 local plugins read at codex's pace must answer as the long way did:
/// a plain path joined at once, a manifest opened without asking first, a file read into an array of its size.
/// </summary>
public sealed class PluginReadShortcutTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    [Theory]
    [InlineData("./plugins/a", new[] { "plugins", "a" })]
    [InlineData("./plugins/a/", new[] { "plugins", "a" })]
    [InlineData("./a/./b", new[] { "a", "b" })]
    [InlineData("./a//b", new[] { "a", "b" })]
    [InlineData("./.hidden/x", new[] { ".hidden", "x" })]
    [InlineData("./a.b/c", new[] { "a.b", "c" })]
    public void A_plugin_path_resolves_under_the_root_the_same_way_plain_or_not(string relative, string[] parts)
    {
        Assert.Equal(Path.Combine(new[] { "/m" }.Concat(parts).ToArray()), PluginPath.Resolve("/m", relative, out string? problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("./a/../b")]
    [InlineData("./..")]
    [InlineData("plugins/a")]
    [InlineData("./")]
    public void A_path_codex_ignores_is_still_refused(string relative)
    {
        Assert.Null(PluginPath.Resolve("/m", relative, out string? problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void A_folder_where_the_codex_manifest_should_be_is_passed_over_for_the_claude_one_as_before()
    {
        string root = tree.Dir("plugin");
        tree.Dir("plugin/.codex-plugin/plugin.json");
        tree.Write("plugin/.claude-plugin/plugin.json", "{\"name\":\"p\"}");
        PluginManifestFile? file = PluginManifestReader.Read(root, "p@m", out CodexIssue? issue);
        Assert.Null(issue);
        Assert.EndsWith(Path.Combine(".claude-plugin", "plugin.json"), file!.Path);
    }

    [Fact]
    public void No_manifest_and_no_folder_are_told_apart_as_before()
    {
        string root = tree.Dir("empty");
        Assert.Null(PluginManifestReader.Read(root, "p@m", out CodexIssue? issue));
        Assert.Equal(ErrorIds.PluginManifestNotFound, issue!.ErrorId);
        Assert.Null(PluginManifestReader.Read(Path.Combine(tree.Root, "missing"), "p@m", out issue));
        Assert.Equal(ErrorIds.PluginManifestNotFound, issue!.ErrorId);

        tree.Write("bad/.codex-plugin/plugin.json", "{");
        Assert.Null(PluginManifestReader.Read(Path.Combine(tree.Root, "bad"), "p@m", out issue));
        Assert.Equal(ErrorIds.PluginManifestInvalid, issue!.ErrorId);
    }

    [Fact]
    public void A_file_whose_size_says_nothing_is_still_read_whole()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // /proc's files say 0 bytes and hold more: the read goes on past the size it was given.
        Assert.Equal(0, new FileInfo("/proc/self/status").Length);
        byte[] status = RegularFile.ReadAllBytes("/proc/self/status");
        Assert.Contains("Pid:", System.Text.Encoding.ASCII.GetString(status));
        Assert.Throws<FileTooLargeException>(() => RegularFile.ReadAllBytes("/proc/self/status", limit: new FileSizeLimit("status", 10)));
    }
}
