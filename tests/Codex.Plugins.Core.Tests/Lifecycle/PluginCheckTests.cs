using Codex.Plugins.Configuration;
using Codex.Plugins.Plugins.Lifecycle;
using Codex.Plugins.Skills;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Lifecycle;

/// <summary>
/// Test-CodexPlugin's engine over folders with links in them: the file scan and the skill scan share one listing of
/// the plugin folder, yet each must still see the folder its own way (the file scan never follows a link, the skill
/// scan follows links to folders as Codex does), and a skill's Path is always its real path.
/// </summary>
public class PluginCheckTests
{
    private const string Secret = "{ \"api_key\": \"sk-proj-abcdefghijklmnopqrstuvwx\" }";

    private static string Plugin(TempTree t, string folder, string name)
    {
        t.Write($"{folder}/.codex-plugin/plugin.json", $"{{ \"name\": \"{name}\", \"version\": \"1.0.0\" }}");
        return t.Dir(folder);
    }

    private static void Skill(TempTree t, string folder, string name) =>
        t.Write($"{folder}/SKILL.md", $"---\nname: {name}\ndescription: Does {name}.\n---\nBody\n");

    private static string Real(string path) => SkillFileReader.Canonical(path)!;

    [Fact]
    public void Skills_behind_links_load_from_their_real_folders_and_only_the_files_inside_count()
    {
        using var t = new TempTree();
        string root = Plugin(t, "market/p", "p");
        Skill(t, "market/p/skills/a", "a");
        Skill(t, "market/p/skills/a/nested", "nested");
        Skill(t, "market/p/skills/.hidden", "hidden");
        Skill(t, "market/p/docs/c", "c");
        t.Write("market/p/docs/c/settings.json", Secret);
        t.Write("market/p/.git/config", Secret);
        Skill(t, "outside/b", "b");
        t.Write("outside/b/settings.json", Secret);
        Directory.CreateSymbolicLink(Path.Combine(root, "skills", "b"), Path.Combine(t.Root, "outside", "b"));
        Directory.CreateSymbolicLink(Path.Combine(root, "skills", "c"), Path.Combine(root, "docs", "c"));

        CodexPluginTestResult r = PluginCheck.Run(root, null, null, t.Environment());

        Assert.True(r.Installable);
        Assert.Equal(new[] { "p:a", "p:b", "p:c", "p:nested" }, r.Skills);
        Assert.Equal(
            new[]
            {
                Path.Combine(Real(root), "skills", "a", "SKILL.md"),
                Path.Combine(Real(Path.Combine(t.Root, "outside")), "b", "SKILL.md"),
                Path.Combine(Real(root), "docs", "c", "SKILL.md"),
                Path.Combine(Real(root), "skills", "a", "nested", "SKILL.md"),
            },
            r.SkillDetails.Select(s => s.Path));
        Assert.Equal(Path.Combine(Real(root), "skills", "b", "SKILL.md"), r.SkillDetails[1].DiscoveredPath);

        // Only the link leaving the folder is flagged; the scan does not follow links, so the secret behind the inner
        // link is counted once and the one outside (or under .git) not at all.
        CodexFinding link = Assert.Single(r.Findings, f => f.RuleId == PluginRuleIds.LinkLeavesRoot);
        Assert.Equal(Path.Combine(root, "skills", "b"), link.File);
        Assert.Equal(1, r.SecretCount);
        Assert.Equal(Path.Combine(root, "docs", "c", "settings.json"), Assert.Single(r.Findings, f => f.RuleId == PluginRuleIds.SecretInFile).File);
    }

    [Fact]
    public void A_plugin_opened_through_a_linked_folder_reports_real_skill_paths_and_nothing_leaving_it()
    {
        using var t = new TempTree();
        string root = Plugin(t, "real/p", "p");
        Skill(t, "real/p/skills/one", "one");
        Skill(t, "real/p/skills/one/two", "two");
        t.Write("real/p/scripts/setup.json", Secret);
        string linked = Path.Combine(t.Root, "linked");
        Directory.CreateSymbolicLink(linked, Path.Combine(t.Root, "real"));

        CodexPluginTestResult r = PluginCheck.Run(Path.Combine(linked, "p"), null, null, t.Environment());

        Assert.Equal(new[] { "p:one", "p:two" }, r.Skills);
        Assert.Equal(
            new[] { Path.Combine(Real(root), "skills", "one", "SKILL.md"), Path.Combine(Real(root), "skills", "one", "two", "SKILL.md") },
            r.SkillDetails.Select(s => s.Path));
        Assert.DoesNotContain(r.Findings, f => f.RuleId == PluginRuleIds.LinkLeavesRoot);
        Assert.Equal(Path.Combine(linked, "p", "scripts", "setup.json"), Assert.Single(r.Findings, f => f.RuleId == PluginRuleIds.SecretInFile).File);
    }

    [Fact]
    public void Links_to_files_dangling_links_and_link_loops_load_no_skill_and_each_link_leaving_the_folder_is_flagged()
    {
        using var t = new TempTree();
        string root = Plugin(t, "p", "p");
        Skill(t, "p/skills/real", "real");
        Skill(t, "elsewhere/file-target", "file-target");
        string skills = Path.Combine(root, "skills");
        t.Dir("p/skills/filelink");
        File.CreateSymbolicLink(Path.Combine(skills, "filelink", "SKILL.md"), Path.Combine(t.Root, "elsewhere", "file-target", "SKILL.md"));
        Directory.CreateSymbolicLink(Path.Combine(skills, "dangling"), Path.Combine(t.Root, "nowhere"));
        Directory.CreateSymbolicLink(Path.Combine(skills, "loop"), skills);

        CodexPluginTestResult r = PluginCheck.Run(root, null, null, t.Environment());

        Assert.Equal(new[] { "p:real" }, r.Skills);
        Assert.Equal(
            new[] { Path.Combine(skills, "dangling"), Path.Combine(skills, "filelink", "SKILL.md") },
            r.Findings.Where(f => f.RuleId == PluginRuleIds.LinkLeavesRoot).Select(f => f.File).Order(StringComparer.Ordinal));
        Assert.Contains(r.Findings, f => f.RuleId == PluginRuleIds.ComponentRefused && f.File == Path.Combine(Real(skills), "loop"));
    }

    [Fact]
    public void Checks_run_side_by_side_come_back_in_the_order_given_and_as_one_at_a_time()
    {
        using var t = new TempTree();
        var roots = new List<string>();
        for (int i = 0; i < 12; i++)
        {
            string root = Plugin(t, $"m/p{i:D2}", $"p{i:D2}");
            // The first folders are the slowest to check: many skills and files each.
            for (int s = 0; s < (i < 3 ? 40 : 1); s++)
            {
                Skill(t, $"m/p{i:D2}/skills/s{s}", $"s{s}");
            }

            roots.Add(root);
        }

        roots.Add(Path.Combine(t.Root, "m", "missing"));
        var alone = roots.Select(r => PluginCheck.Run(r, null, "m", t.Environment())).ToList();

        using var queue = new PluginCheckQueue(parallelism: 4);
        var results = new List<CodexPluginTestResult>();
        for (int i = 0; i < roots.Count; i++)
        {
            IReadOnlyList<CodexPluginTestResult> due = queue.Add(roots[i], null, "m", t.Environment());
            // Nothing is held back beyond the four under way, and nothing comes out before its turn.
            Assert.Equal(Math.Max(0, i + 1 - 4), results.Count + due.Count);
            results.AddRange(due);
        }

        results.AddRange(queue.Drain());
        Assert.Equal(alone.Select(r => (r.Path, r.Installable, string.Join(",", r.Skills), r.Findings.Length)), results.Select(r => (r.Path, r.Installable, string.Join(",", r.Skills), r.Findings.Length)));
        Assert.Empty(queue.Drain());
    }

    [Fact]
    public void A_queue_of_one_checks_on_the_callers_thread_and_returns_each_result_at_once()
    {
        using var t = new TempTree();
        string root = Plugin(t, "p", "p");
        using var queue = new PluginCheckQueue(parallelism: 1);
        Assert.Equal(root, Assert.Single(queue.Add(root, null, null, t.Environment())).Path);
        Assert.Empty(queue.Drain());
    }

    [Fact]
    public void Probes_answered_from_the_walks_listing_agree_with_the_file_system()
    {
        using var t = new TempTree();
        string root = Plugin(t, "p", "p");
        t.Write("p/skills/inner/.codex-plugin/plugin.json", "{ \"name\": \"inner\" }");
        t.Write("p/skills/other/.claude-plugin/plugin.json", "{}");
        t.Dir("p/skills/folder-named/.codex-plugin/plugin.json");
        t.Write("p/.git/config", "[core]");
        t.Write("outside/plugin.json", "{}");
        Directory.CreateSymbolicLink(Path.Combine(root, "skills", "linked"), Path.Combine(t.Root, "outside"));
        File.CreateSymbolicLink(Path.Combine(root, "skills", "file-link.json"), Path.Combine(t.Root, "outside", "plugin.json"));
        File.CreateSymbolicLink(Path.Combine(root, "skills", "dangling.json"), Path.Combine(t.Root, "nowhere"));

        PluginTree tree = PluginTree.Walk(root);
        var paths = new List<string>
        {
            root + "/", Path.Combine(root, "skills", "..", "p"), Path.Combine(root, ".", "skills"), "relative/skills", root + "//skills",
            Path.Combine(root, "skills", ".."), Path.Combine(root, "skills", "."), Path.Combine(root, "skills", "..", "..", "p", "skills"),
        };
        foreach (string entry in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Append(root).Append(t.Root))
        {
            paths.Add(entry);
            paths.Add(Path.Combine(entry, "missing"));
            paths.Add(Path.Combine(entry, "missing", "plugin.json"));
            paths.Add(Path.Combine(entry, ".codex-plugin", "plugin.json"));
            paths.Add(Path.Combine(entry, ".claude-plugin", "plugin.json"));
        }

        paths.Add(Path.Combine(root, "skills", "linked", "plugin.json"));
        paths.Add(Path.Combine(root, ".git", "config"));
        int known = 0;
        using (PathProbe.Answer(tree.Lookup))
        {
            foreach (string path in paths)
            {
                known += tree.Lookup(path) == PathKind.Unknown ? 0 : 1;
                Assert.True(File.Exists(path) == PathProbe.FileExists(path), $"{path}: File.Exists {File.Exists(path)}");
                Assert.True(Directory.Exists(path) == PathProbe.DirectoryExists(path), $"{path}: Directory.Exists {Directory.Exists(path)}");
                Assert.True(Path.Exists(path) == PathProbe.Exists(path), $"{path}: Path.Exists {Path.Exists(path)}");
            }
        }

        // The probes a check makes are answered without the file system: none of these is behind a link.
        Assert.Equal(PathKind.Directory, tree.Lookup(Path.Combine(root, "skills")));
        Assert.Equal(PathKind.Unknown, tree.Lookup(Path.Combine(root, "skills", "..", "hooks")));
        Assert.Equal(PathKind.Missing, tree.Lookup(Path.Combine(root, "skills", "...", "x")));
        Assert.Equal(PathKind.File, tree.Lookup(Path.Combine(root, "skills", "inner", ".codex-plugin", "plugin.json")));
        Assert.Equal(PathKind.Missing, tree.Lookup(Path.Combine(root, "skills", "other", ".codex-plugin", "plugin.json")));
        Assert.Equal(PathKind.Missing, tree.Lookup(Path.Combine(root, "hooks", "hooks.json")));
        Assert.Equal(PathKind.Missing, tree.Lookup(Path.Combine(root, ".mcp.json")));
        Assert.True(known > 50, $"{known} of {paths.Count} answered from the listing");
    }

    [Fact]
    public void Skills_take_the_name_of_the_nearest_manifest_above_them()
    {
        using var t = new TempTree();
        string root = Plugin(t, "p", "p");
        Skill(t, "p/skills/a", "a");
        Plugin(t, "p/skills/inner", "inner");
        Skill(t, "p/skills/inner/skills/b", "b");
        t.Write("p/skills/other/.claude-plugin/plugin.json", "{ \"name\": \" \" }");
        Skill(t, "p/skills/other/c", "c");
        t.Dir("p/skills/folder/.codex-plugin/plugin.json");
        Skill(t, "p/skills/folder/d", "d");

        CodexPluginTestResult r = PluginCheck.Run(root, null, null, t.Environment());

        Assert.Equal(new[] { "inner:b", "other:c", "p:a", "p:d" }, r.Skills.Order(StringComparer.Ordinal));
    }
}
