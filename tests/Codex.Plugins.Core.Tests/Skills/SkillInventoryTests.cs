using Codex.Plugins.Diagnostics;
using Codex.Plugins.Skills;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Skills;

public class SkillInventoryTests
{
    private static string Skill(TempTree t, string folder, string name, string description = "Does a thing.") =>
        t.Write($"{folder}/SKILL.md", $"---\nname: {name}\ndescription: {description}\n---\nBody\n");

    private static SkillInventory Read(TempTree t, string? project = null) => SkillInventory.Read(t.Load(project), Array.Empty<CodexPlugin>());

    [Fact]
    public void Every_scope_is_scanned_and_skills_come_out_repo_user_system_admin_then_by_name()
    {
        using var t = new TempTree();
        t.Write("work/.git/HEAD", "ref: refs/heads/main\n");
        Skill(t, "work/.agents/skills/repo-b", "repo-b");
        Skill(t, "work/sub/.agents/skills/repo-a", "repo-a");
        Skill(t, "work/.codex/skills/project-codex", "project-codex");
        Skill(t, "home/.codex/skills/user-z", "user-z");
        Skill(t, "home/.agents/skills/user-a", "user-a");
        Skill(t, "home/.codex/skills/.system/bundled", "bundled");
        Skill(t, "etc-codex/skills/admin", "admin");
        SkillInventory inventory = Read(t, Path.Combine(t.Project, "sub"));

        Assert.Equal(new[] { "project-codex", "repo-a", "repo-b", "user-a", "user-z", "bundled", "admin" }, inventory.Skills.Select(s => s.Name));
        Assert.Equal(
            new[] { CodexSkillScope.Repo, CodexSkillScope.Repo, CodexSkillScope.Repo, CodexSkillScope.User, CodexSkillScope.User, CodexSkillScope.System, CodexSkillScope.Admin },
            inventory.Skills.Select(s => s.Scope));
        // Scan order: project .codex/skills, $CODEX_HOME/skills, ~/.agents/skills, .system, admin, then repo .agents/skills root to cwd.
        Assert.Equal(
            new[] { "work/.codex/skills", "home/.codex/skills", "home/.agents/skills", "home/.codex/skills/.system", "etc-codex/skills", "work/.agents/skills", "work/sub/.agents/skills" },
            inventory.UsedRoots.Select(r => Path.GetRelativePath(t.Root, r)));
        Assert.Empty(inventory.Issues);
    }

    [Fact]
    public void Bundled_skills_are_not_read_when_the_config_turns_them_off()
    {
        using var t = new TempTree();
        Skill(t, "home/.codex/skills/.system/bundled", "bundled");
        t.WriteUserConfig("[skills]\nbundled = { enabled = false }\n");
        Assert.Empty(Read(t).Skills);
    }

    [Fact]
    public void The_scan_goes_six_levels_deep_skips_hidden_entries_and_finds_nested_skills()
    {
        using var t = new TempTree();
        Skill(t, "home/.codex/skills/a/b/c/d/e/depth6", "depth6");
        Skill(t, "home/.codex/skills/a/b/c/d/e/f/depth7", "depth7");
        Skill(t, "home/.codex/skills/.hidden/secret", "secret");
        Skill(t, "home/.codex/skills/outer", "outer");
        Skill(t, "home/.codex/skills/outer/inner", "inner");
        t.Write("home/.codex/skills/lower/skill.md", "---\nname: lower\ndescription: wrong file name case\n---\n");
        Assert.Equal(new[] { "depth6", "inner", "outer" }, Read(t).Skills.Select(s => s.Name));
    }

    [Fact]
    public void Linked_folders_are_followed_linked_files_are_not_and_a_loop_is_reported_once_and_not_followed()
    {
        using var t = new TempTree();
        string target = Path.GetDirectoryName(Skill(t, "elsewhere/linked", "linked"))!;
        string skills = t.Dir("home/.codex/skills");
        Directory.CreateSymbolicLink(Path.Combine(skills, "via-link"), Path.GetDirectoryName(target)!);
        t.Dir("home/.codex/skills/filelink");
        File.CreateSymbolicLink(Path.Combine(skills, "filelink", "SKILL.md"), Path.Combine(target, "SKILL.md"));
        Directory.CreateSymbolicLink(Path.Combine(skills, "loop"), skills);
        Skill(t, "home/.codex/skills/plain", "plain");

        SkillInventory inventory = Read(t);
        Assert.Equal(new[] { "linked", "plain" }, inventory.Skills.Select(s => s.Name));
        CodexSkill linked = inventory.Skills[0];
        Assert.Equal(Path.Combine(SkillFileReader.Canonical(target)!, "SKILL.md"), linked.Path);
        Assert.Equal(Path.Combine(SkillFileReader.Canonical(skills)!, "via-link", "linked", "SKILL.md"), linked.DiscoveredPath);
        CodexIssue loop = Assert.Single(inventory.Issues);
        Assert.Equal(ErrorIds.SkillSymlinkLoop, loop.ErrorId);
        Assert.Equal(Path.Combine(SkillFileReader.Canonical(skills)!, "loop"), loop.File);
    }

    [Fact]
    public void A_skill_root_that_is_a_link_gives_real_paths_for_its_skills_and_for_those_behind_links_below_it()
    {
        using var t = new TempTree();
        Skill(t, "store/skills/direct", "direct");
        Skill(t, "store/skills/group/deep", "deep");
        string other = Path.GetDirectoryName(Skill(t, "other/behind", "behind"))!;
        Directory.CreateSymbolicLink(Path.Combine(t.Root, "store/skills/group/via"), other);
        Directory.CreateSymbolicLink(Path.Combine(t.CodexHome, "skills"), Path.Combine(t.Root, "store/skills"));

        SkillInventory inventory = Read(t);

        string store = SkillFileReader.Canonical(Path.Combine(t.Root, "store/skills"))!;
        Assert.Equal(new[] { "behind", "deep", "direct" }, inventory.Skills.Select(s => s.Name));
        Assert.Equal(
            new[] { Path.Combine(SkillFileReader.Canonical(other)!, "SKILL.md"), Path.Combine(store, "group/deep/SKILL.md"), Path.Combine(store, "direct/SKILL.md") },
            inventory.Skills.Select(s => s.Path));
        Assert.Equal(Path.Combine(store, "group/via/SKILL.md"), inventory.Skills[0].DiscoveredPath);
        Assert.All(inventory.Skills, s => Assert.Equal(store, s.Root));
    }

    [Fact]
    public void A_skill_reached_from_two_roots_is_loaded_once_from_the_first_root()
    {
        using var t = new TempTree();
        string shared = Path.GetDirectoryName(Skill(t, "shared/one", "one"))!;
        Directory.CreateSymbolicLink(Path.Combine(t.Dir("home/.codex/skills"), "one"), shared);
        Directory.CreateSymbolicLink(Path.Combine(t.Dir("home/.agents/skills"), "one"), shared);
        SkillInventory inventory = Read(t);
        CodexSkill one = Assert.Single(inventory.Skills);
        Assert.StartsWith(Path.Combine(t.CodexHome, "skills"), one.DiscoveredPath, StringComparison.Ordinal);
        Assert.Single(inventory.UsedRoots);
    }

    [Fact]
    public void Bad_skills_are_errors_with_their_file_and_the_rest_still_load()
    {
        using var t = new TempTree();
        Skill(t, "home/.codex/skills/good", "good");
        t.Write("home/.codex/skills/no-front-matter/SKILL.md", "# Just markdown\n");
        t.Write("home/.codex/skills/bad-yaml/SKILL.md", "---\nname: bad\ndescription: \"unterminated\n---\n");
        t.Write("home/.codex/skills/no-description/SKILL.md", "---\nname: no-description\n---\n");
        Skill(t, "home/.codex/skills/long-name", new string('n', 65));
        Skill(t, "home/.codex/skills/name-64", new string('m', 64));
        string longDescription = string.Join(' ', Enumerable.Repeat("word", 220));
        Skill(t, "home/.codex/skills/long-description", "long-description", longDescription);
        // Saved as Latin-1: "café" with a lone 0xE9 byte, which is not UTF-8.
        t.Write("home/.codex/skills/latin1/SKILL.md", string.Empty);
        File.WriteAllBytes(Path.Combine(t.CodexHome, "skills/latin1/SKILL.md"), "---\nname: latin1\ndescription: caf"u8.ToArray().Append((byte)0xE9).Concat("\n---\n"u8.ToArray()).ToArray());

        SkillInventory inventory = Read(t);
        Assert.Equal(new[] { "good", "long-description", new string('m', 64) }, inventory.Skills.Select(s => s.Name));
        Assert.Equal(longDescription, inventory.Skills[1].Description); // loaded whole; only the list cuts it
        Assert.True(inventory.Skills[1].DescriptionCapped);

        var byFile = inventory.Issues.ToDictionary(i => Path.GetFileName(Path.GetDirectoryName(i.File!)!), i => i);
        Assert.Equal(ErrorIds.SkillFrontMatterMissing, byFile["no-front-matter"].ErrorId);
        Assert.Equal("missing YAML frontmatter delimited by ---", byFile["no-front-matter"].Message);
        Assert.Equal(ErrorIds.SkillFrontMatterInvalid, byFile["bad-yaml"].ErrorId);
        Assert.Equal(ErrorIds.SkillDescriptionMissing, byFile["no-description"].ErrorId);
        Assert.Equal(ErrorIds.SkillNameTooLong, byFile["long-name"].ErrorId);
        Assert.Equal("invalid name: exceeds maximum length of 64 characters", byFile["long-name"].Message);
        Assert.Equal(ErrorIds.SkillDescriptionTooLong, byFile["long-description"].ErrorId);
        Assert.Equal(IssueKind.Warning, byFile["long-description"].Kind);
        Assert.Equal(ErrorIds.SkillFileUnreadable, byFile["latin1"].ErrorId);
        Assert.All(inventory.Issues, i => Assert.True(File.Exists(i.File), i.File));
    }

    [Fact]
    public void An_unreadable_folder_is_an_error_and_the_other_folders_still_load()
    {
        using var t = new TempTree();
        Skill(t, "home/.codex/skills/locked/inside", "inside");
        Skill(t, "home/.codex/skills/open", "open");
        string locked = Path.Combine(SkillFileReader.Canonical(Path.Combine(t.CodexHome, "skills"))!, "locked");
        SkillInventory inventory = SkillInventory.Read(t.Load(), Array.Empty<CodexPlugin>(), null, dir =>
            dir == locked ? throw new UnauthorizedAccessException($"Access to the path '{dir}' is denied.") : new DirectoryInfo(dir).GetFileSystemInfos());
        Assert.Equal(new[] { "open" }, inventory.Skills.Select(s => s.Name));
        CodexIssue issue = Assert.Single(inventory.Issues);
        Assert.Equal(ErrorIds.SkillFolderUnreadable, issue.ErrorId);
        Assert.Equal(IssueKind.ReadError, issue.Kind);
        Assert.Equal(locked, issue.File);
    }

    [Fact]
    public void Skills_config_disables_by_path_or_name_and_openai_yaml_can_keep_a_skill_out_of_the_list()
    {
        using var t = new TempTree();
        string byPath = Skill(t, "home/.codex/skills/by-path", "by-path");
        Skill(t, "home/.codex/skills/by-name", "by-name");
        Skill(t, "home/.codex/skills/explicit-only", "explicit-only");
        t.Write("home/.codex/skills/explicit-only/agents/openai.yaml", "interface:\n  display_name: Explicit Only\npolicy:\n  allow_implicit_invocation: false\n  products: [codex]\n");
        Skill(t, "home/.codex/skills/bad-metadata", "bad-metadata");
        t.Write("home/.codex/skills/bad-metadata/agents/openai.yaml", "policy: [unclosed\n");
        t.WriteUserConfig($"[[skills.config]]\npath = \"{byPath}\"\nenabled = false\n\n[[skills.config]]\nname = \"by-name\"\nenabled = false\n");

        var skills = Read(t).Skills.ToDictionary(s => s.Name);
        Assert.Equal("Disabled", skills["by-path"].Status.ToString());
        Assert.Equal("Disabled", skills["by-name"].Status.ToString());
        Assert.Equal("NotImplicit", skills["explicit-only"].Status.ToString());
        Assert.False(skills["explicit-only"].Listed);
        Assert.Equal("Explicit Only", skills["explicit-only"].DisplayName);
        Assert.Equal(new[] { "codex" }, skills["explicit-only"].Products);
        Assert.Equal("Listed", skills["bad-metadata"].Status.ToString()); // Codex ignores metadata it cannot read

        SkillInventory inventory = Read(t);
        CodexIssue ignored = Assert.Single(inventory.Issues);
        Assert.Equal(ErrorIds.SkillMetadataIgnored, ignored.ErrorId);
        Assert.Equal(IssueKind.Warning, ignored.Kind);
    }

    [Fact]
    public void Skills_of_enabled_installed_plugins_are_named_plugin_colon_skill()
    {
        using var t = new TempTree();
        t.Write("home/.codex/plugins/cache/mk/on/1.0.0/.codex-plugin/plugin.json", "{\"name\":\"on\"}");
        Skill(t, "home/.codex/plugins/cache/mk/on/1.0.0/skills/deploy", "deploy");
        t.Write("home/.codex/plugins/cache/mk/off/1.0.0/.codex-plugin/plugin.json", "{\"name\":\"off\"}");
        Skill(t, "home/.codex/plugins/cache/mk/off/1.0.0/skills/hidden", "hidden");
        t.WriteUserConfig("[plugins.\"on@mk\"]\nenabled = true\n[plugins.\"off@mk\"]\nenabled = false\n");
        CodexSkill skill = Assert.Single(SkillInventory.Read(t.Load()).Skills);
        Assert.Equal("on:deploy", skill.Name);
        Assert.Equal("on@mk", skill.PluginId);
        Assert.Equal(CodexSkillScope.User, skill.Scope);
    }

    [Fact]
    public void The_name_limit_is_on_the_written_name_not_on_plugin_colon_name()
    {
        using var t = new TempTree();
        t.Write("home/.codex/skills/bundle/.codex-plugin/plugin.json", "{\"name\":\"bundle\"}");
        Skill(t, "home/.codex/skills/bundle/skills/sixty-four", new string('s', 64));
        Skill(t, "home/.codex/skills/bundle/skills/sixty-five", new string('f', 65));
        SkillInventory inventory = Read(t);
        CodexSkill loaded = Assert.Single(inventory.Skills);
        Assert.Equal("bundle:" + new string('s', 64), loaded.Name); // 71 characters, loaded
        Assert.Equal(ErrorIds.SkillNameTooLong, Assert.Single(inventory.Issues).ErrorId);
    }

    [Fact]
    public void Products_that_leave_out_codex_hide_the_skill_from_the_cli_and_an_unknown_product_voids_the_file()
    {
        using var t = new TempTree();
        foreach (var (folder, products) in new[] { ("for-chatgpt", "[chatgpt]"), ("for-codex", "[CODEX, atlas]"), ("for-all", "[]"), ("unknown", "[nonsense]") })
        {
            Skill(t, $"home/.codex/skills/{folder}", folder);
            t.Write($"home/.codex/skills/{folder}/agents/openai.yaml", $"policy:\n  products: {products}\n  allow_implicit_invocation: false\n");
        }

        SkillInventory inventory = Read(t);
        var skills = inventory.Skills.ToDictionary(s => s.Name);
        Assert.Equal(new[] { "for-all", "for-codex", "unknown" }, skills.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(new[] { "codex", "atlas" }, skills["for-codex"].Products);
        Assert.Equal("NotImplicit", skills["for-codex"].Status.ToString());
        Assert.Equal("Listed", skills["unknown"].Status.ToString()); // the whole file is ignored, its policy too
        Assert.Contains(inventory.Issues, i => i.ErrorId == ErrorIds.SkillNotForCodex && i.Target == "for-chatgpt");
        Assert.Contains(inventory.Issues, i => i.ErrorId == ErrorIds.SkillMetadataIgnored && i.Target == "unknown");
    }

    [Fact]
    public void A_long_short_description_does_not_stop_a_skill_from_loading()
    {
        using var t = new TempTree();
        t.Write("home/.codex/skills/s/SKILL.md", $"---\nname: s\ndescription: d\nmetadata:\n  short-description: {new string('x', 1030)}\n---\n");
        Assert.Equal(1030, Assert.Single(Read(t).Skills).ShortDescription!.Length);
    }
}
