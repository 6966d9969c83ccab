using System.Text;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Hooks;
using Codex.Plugins.Skills;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Configuration;

/// <summary>
/// Each kind of file has a size limit, checked on the opened file before it is read: a file over it is one FileTooLarge
/// issue naming the file and the limit, and costs no memory. (The Pester suite holds the readers to it in a memory jail.)
/// </summary>
public sealed class FileSizeLimitTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    /// <summary>A sparse file of <paramref name="size"/> bytes starting with <paramref name="head"/>: big on paper, nothing on disk.</summary>
    private string Sparse(string relative, long size, string head = "")
    {
        string path = Path.Combine(tree.Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        stream.Write(Encoding.UTF8.GetBytes(head));
        stream.SetLength(size);
        return path;
    }

    [Fact]
    public void A_file_at_the_limit_is_read_and_one_byte_more_is_refused_with_the_file_and_the_limit()
    {
        var limit = new FileSizeLimit("test file", 1000);
        string body = "{\"a\":\"" + new string('x', 1000 - 9) + "\"}\n";
        Assert.Equal(1000, Encoding.UTF8.GetByteCount(body));
        string at = tree.Write("at.json", body);
        Assert.Equal("xx", ((TomlValueNode)JsonFileReader.Read(at, ErrorIds.PluginManifestInvalid, limit)["a"]!).Value.ToString()![..2]);

        string over = tree.Write("over.json", body + " ");
        var ex = Assert.Throws<CodexIssueException>(() => JsonFileReader.Read(over, ErrorIds.PluginManifestInvalid, limit));
        Assert.Equal(ErrorIds.FileTooLarge, ex.Issue.ErrorId);
        Assert.Equal(over, ex.Issue.File);
        Assert.Contains("1001 bytes", ex.Issue.Message);
        Assert.Contains("test file limit", ex.Issue.Message);
        Assert.Contains("1000 bytes", ex.Issue.Message);
        Assert.Contains("1000 bytes", ex.Issue.RecommendedAction);
    }

    [Fact]
    public void The_size_is_checked_before_reading_so_a_file_over_the_limit_costs_no_memory()
    {
        string path = Sparse("home/.codex/config.toml", FileSizeLimit.ConfigToml.MaxBytes + 1, "model = \"");
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<CodexIssueException>(() => TomlFileReader.Read(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(ErrorIds.FileTooLarge, ex.Issue.ErrorId);
        Assert.True(allocated < 1 << 20, $"{allocated} bytes were allocated to refuse a file over the limit");
        Assert.Contains("64 MiB (67108864 bytes)", ex.Issue.Message);
    }

    [Fact]
    public void Raw_reads_stop_at_the_limit()
    {
        string path = tree.Write("raw.txt", new string('a', 101));
        var limit = new FileSizeLimit("raw", 100);
        Assert.Throws<FileTooLargeException>(() => RegularFile.ReadAllBytes(path, limit: limit));
        Assert.Throws<FileTooLargeException>(() => RegularFile.ReadAllText(path, limit));
        Assert.Equal(101, RegularFile.ReadAllBytes(path).Length);
        Assert.Equal(101, RegularFile.ReadAllText(path, new FileSizeLimit("raw", 101)).Length);
    }

    [Fact]
    public void Every_limit_is_above_what_codex_practically_reads_of_its_kind()
    {
        // codex 0.169.0 read a 50 MB config.toml (247 s, 14.8 GB) and a 100 MB marketplace.json of 970,000 entries.
        Assert.True(FileSizeLimit.ConfigToml.MaxBytes > 50_000_000);
        Assert.True(FileSizeLimit.AgentToml.MaxBytes >= FileSizeLimit.ConfigToml.MaxBytes);
        Assert.True(FileSizeLimit.MarketplaceJson.MaxBytes > 100_000_000);
        foreach (FileSizeLimit limit in new[] { FileSizeLimit.HooksJson, FileSizeLimit.PluginJson, FileSizeLimit.SkillMd, FileSizeLimit.SkillMetadataYaml })
        {
            // None of these is near the 300 MiB one-line file that took the shell down, and all are far above real files.
            Assert.InRange(limit.MaxBytes, 16L << 20, 256L << 20);
        }
    }

    [Fact]
    public void A_config_layer_over_the_limit_is_one_issue_and_the_other_layers_still_load()
    {
        Sparse("home/.codex/config.toml", FileSizeLimit.ConfigToml.MaxBytes + 1);
        tree.Write("etc-codex/config.toml", "model = \"from-system\"\n");
        ConfigStack stack = tree.Load();
        CodexIssue issue = Assert.Single(stack.Issues, i => i.ErrorId == ErrorIds.FileTooLarge);
        Assert.EndsWith("config.toml", issue.File);
        Assert.Equal("from-system", ((TomlValueNode)stack.Get("model")!).Value);
    }

    [Fact]
    public void A_hooks_json_over_the_limit_is_one_FileTooLarge_and_the_config_hooks_still_come_out()
    {
        Sparse("home/.codex/hooks.json", FileSizeLimit.HooksJson.MaxBytes + 1, "{\"hooks\":{\"Stop\":[{\"hooks\":[{\"type\":\"command\",\"command\":\"");
        tree.WriteUserConfig("[[hooks.Stop]]\n[[hooks.Stop.hooks]]\ntype = \"command\"\ncommand = \"echo config\"\n");
        HookInventory hooks = HookInventory.Read(tree.Load());
        CodexIssue issue = Assert.Single(hooks.Issues, i => i.ErrorId == ErrorIds.FileTooLarge);
        Assert.EndsWith("hooks.json", issue.File);
        Assert.Contains(hooks.Hooks, h => h.Command == "echo config");
    }

    [Theory]
    [InlineData("---\n", true)]
    [InlineData("  ---  \r\n", true)]
    [InlineData("--", true)]
    [InlineData("---   ", true)]
    [InlineData("    ", true)]
    [InlineData("", true)]
    [InlineData("x", false)]
    [InlineData("---x", false)]
    [InlineData("----", false)]
    [InlineData("--- x", false)]
    [InlineData("name: a\n---\n", false)]
    public void Whether_a_first_line_can_still_open_a_front_matter(string prefix, bool can) =>
        Assert.Equal(can, SkillFileReader.CanOpenFrontMatter(prefix));

    [Fact]
    public void A_skill_of_one_endless_line_is_front_matter_missing_and_only_its_prefix_is_read()
    {
        string path = Sparse("home/.codex/skills/endless/SKILL.md", 300L << 20, new string('x', 10000));
        long before = GC.GetAllocatedBytesForCurrentThread();
        string text = SkillFileReader.ReadFrontMatterText(path);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
        Assert.True(text.Length <= 8192);
        Assert.Null(SkillFrontMatter.Extract(text));
    }

    [Fact]
    public void A_skill_whose_front_matter_does_not_close_in_the_prefix_is_read_whole_only_under_its_limit()
    {
        string small = tree.Write("skills/long/SKILL.md", "---\nname: long\ndescription: d\n# " + new string('x', 20000) + "\n---\nbody\n");
        Assert.NotNull(SkillFrontMatter.Extract(SkillFileReader.ReadFrontMatterText(small)));

        string big = Sparse("skills/huge/SKILL.md", FileSizeLimit.SkillMd.MaxBytes + 1, "---\nname: huge\ndescription: ");
        var ex = Assert.Throws<FileTooLargeException>(() => SkillFileReader.ReadFrontMatterText(big));
        Assert.Equal(big, ex.Path);
        Assert.Same(FileSizeLimit.SkillMd, ex.Limit);
    }

    [Fact]
    public void A_skill_with_a_long_body_after_a_closed_front_matter_has_no_size_limit()
    {
        string path = Sparse("home/.codex/skills/big-body/SKILL.md", FileSizeLimit.SkillMd.MaxBytes * 2, "---\nname: big-body\ndescription: A skill with a long body.\n---\n");
        SkillInventory skills = SkillInventory.Read(tree.Load());
        Assert.Contains(skills.Skills, s => s.Name == "big-body");
        Assert.DoesNotContain(skills.Issues, i => i.File == path);
    }

    [Fact]
    public void A_skill_over_the_limit_is_one_FileTooLarge_and_the_other_skills_still_come_out()
    {
        string path = Sparse("home/.codex/skills/huge/SKILL.md", FileSizeLimit.SkillMd.MaxBytes + 1, "---\nname: huge\ndescription: ");
        tree.Write("home/.codex/skills/good/SKILL.md", "---\nname: good\ndescription: Fine.\n---\n");
        SkillInventory skills = SkillInventory.Read(tree.Load());
        Assert.Contains(skills.Skills, s => s.Name == "good");
        CodexIssue issue = Assert.Single(skills.Issues, i => i.File == path);
        Assert.Equal(ErrorIds.FileTooLarge, issue.ErrorId);
    }
}
