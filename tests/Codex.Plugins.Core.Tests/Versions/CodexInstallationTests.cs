using Codex.Plugins.Tests.Support;
using Codex.Plugins.Versions;

namespace Codex.Plugins.Tests.Versions;

public class CodexInstallationTests
{
    [Theory]
    [InlineData("0.171.0", "0.171.0")]
    [InlineData("codex-cli 0.169.0", "0.169.0")]
    [InlineData("0.171.0-linux-x64", "0.171.0")]
    [InlineData("v0.170.2-alpha.3", "0.170.2")]
    [InlineData("0.172", "0.172.0")]
    public void Versions_are_read_as_Codex_and_npm_write_them(string text, string expected) =>
        Assert.Equal(Version.Parse(expected), CodexReleases.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("latest")]
    [InlineData("1")]
    [InlineData("0.x.1")]
    public void Text_that_is_no_version_gives_none(string text) => Assert.Null(CodexReleases.Parse(text));

    [Fact]
    public void A_version_between_or_before_the_checked_releases_gets_the_rules_of_the_nearest_older_one()
    {
        Assert.Equal(new Version(0, 169, 0), CodexInstallationLocator.BehavesAs(new Version(0, 170, 3)));
        Assert.Equal(new Version(0, 171, 0), CodexInstallationLocator.BehavesAs(new Version(0, 180, 0)));
        Assert.Equal(new Version(0, 169, 0), CodexInstallationLocator.BehavesAs(new Version(0, 150, 0)));
        var table = new VersionTable<string>(("0.169.0", "old"), ("0.171.0", "new"));
        Assert.Equal("old", table.For(new Version(0, 170, 0)));
        Assert.Equal("new", table.For(new Version(0, 171, 0)));
        Assert.Equal("old", table.For(new Version(0, 100, 0)));
    }

    [Fact]
    public void The_codex_on_PATH_is_followed_through_its_link_to_the_npm_package_that_installed_it()
    {
        using var tree = new TempTree();
        tree.Write("npm/node_modules/@openai/codex/package.json", """{"name": "@openai/codex", "version": "0.171.0", "bin": {"codex": "bin/codex.js"}}""");
        string script = tree.Write("npm/node_modules/@openai/codex/bin/codex.js", "#!/usr/bin/env node\n");
        string bin = tree.Dir("npm/bin");
        File.CreateSymbolicLink(Path.Combine(bin, "codex"), script);
        string path = string.Join(Path.PathSeparator, tree.Dir("empty"), bin);

        CodexInstallation found = CodexInstallationLocator.Find(tree.Environment(), pathVariable: path);

        Assert.Equal("0.171.0", found.Version);
        Assert.Equal("Binary", found.VersionSource);
        Assert.True(found.Checked);
        Assert.Equal(Path.Combine(bin, "codex"), found.CodexPath);
        Assert.Equal(script, found.ResolvedPath);
        Assert.EndsWith(Path.Combine("@openai", "codex", "package.json"), found.PackagePath);
        Assert.Null(found.Note);
    }

    [Fact]
    public void An_npm_shim_that_is_no_link_is_read_from_the_package_beside_it()
    {
        using var tree = new TempTree();
        tree.Write("prefix/node_modules/@openai/codex/package.json", """{"name": "@openai/codex", "version": "0.169.0"}""");
        tree.Write("prefix/node_modules/@openai/codex/bin/codex.js", "#!/usr/bin/env node\n");
        string shim = tree.Write(OperatingSystem.IsWindows() ? "prefix/codex.cmd" : "prefix/codex", "@node ...\n");

        CodexInstallation found = CodexInstallationLocator.Find(tree.Environment(), codexPath: shim, pathVariable: string.Empty);

        Assert.Equal(("0.169.0", "Binary"), (found.Version, found.VersionSource));
    }

    [Fact]
    public void The_vendor_binary_of_the_platform_package_names_its_version_with_the_platform()
    {
        using var tree = new TempTree();
        tree.Write("pkg/codex-linux-x64/package.json", """{"name": "@openai/codex-linux-x64", "version": "0.170.0-linux-x64"}""");
        string binary = tree.Write("pkg/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex", "ELF");

        CodexInstallation found = CodexInstallationLocator.Find(tree.Environment(), codexPath: binary, pathVariable: string.Empty);

        Assert.Equal("0.170.0", found.Version);
        Assert.False(found.Checked);
        Assert.Equal("0.169.0", found.BehavesAs);
        Assert.Contains("was not checked", found.Note);
    }

    [Fact]
    public void Without_a_codex_the_newest_rollout_tells_the_version_and_without_both_the_newest_checked_release_applies()
    {
        using var tree = new TempTree();
        CodexInstallation none = CodexInstallationLocator.Find(tree.Environment(), pathVariable: string.Empty);
        Assert.Equal(CodexReleases.Newest.ToString(3), none.Version);
        Assert.Equal("Default", none.VersionSource);

        string meta = """{"timestamp":"t","ordinal":0,"type":"session_meta","payload":{"id":"x","nested":{"cli_version":"9.9.9"},"cli_version":"0.169.0","base_instructions":{"text":"long"}}}""";
        tree.Write("home/.codex/sessions/2026/11/30/rollout-2026-11-30T10-00-00-a.jsonl", meta.Replace("0.169.0", "0.168.0") + "\n");
        tree.Write("home/.codex/sessions/2026/12/01/rollout-2026-12-01T09-00-00-b.jsonl", meta + "\n{\"type\":\"event_msg\"}\n");
        tree.Write("home/.codex/sessions/2026/12/01/rollout-2026-12-01T10-00-00-c.jsonl", "{torn");

        CodexInstallation found = CodexInstallationLocator.Find(tree.Environment(), pathVariable: string.Empty);

        Assert.Equal("0.169.0", found.Version);
        Assert.Equal("Rollout", found.VersionSource);
        Assert.EndsWith("rollout-2026-12-01T09-00-00-b.jsonl", found.RolloutPath);
    }

    [Fact]
    public void A_requested_version_overrides_what_was_found()
    {
        using var tree = new TempTree();
        CodexInstallation found = CodexInstallationLocator.Find(tree.Environment(), requested: new Version(0, 169, 0), pathVariable: string.Empty);
        Assert.Equal("0.169.0", found.Version);
        Assert.Equal("Parameter", found.VersionSource);
    }
}
