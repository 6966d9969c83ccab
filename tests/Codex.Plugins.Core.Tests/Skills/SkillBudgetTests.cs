using Codex.Plugins.Skills;

namespace Codex.Plugins.Tests.Skills;

public class SkillBudgetTests
{
    private const string R = "/work/repo/.agents/skills";
    private const string U = "/home/u/.agents/skills";
    private const string S = "/home/u/.codex/skills/.system";

    private static CodexSkill Skill(string name, string description, CodexSkillScope scope = CodexSkillScope.Repo, string root = "/work/repo/.agents/skills", bool enabled = true) => new()
    {
        Name = name,
        Description = description,
        Scope = scope,
        Enabled = enabled,
        Root = root,
        Path = $"{root}/{name}/SKILL.md",
        DiscoveredPath = $"{root}/{name}/SKILL.md",
    };

    private static long MinimumChars(CodexSkill s) => SkillText.CharCount($"- {s.Name}: (file: r0/{s.Name}/SKILL.md)\n");

    [Fact]
    public void Budget_is_two_percent_of_a_known_window_in_tokens_else_8000_characters()
    {
        Assert.Equal((SkillBudgetUnit.Tokens, 4000L), SkillBudget.BudgetFor(200_000));
        Assert.Equal((SkillBudgetUnit.Tokens, 1L), SkillBudget.BudgetFor(10));
        Assert.Equal((SkillBudgetUnit.Characters, 8000L), SkillBudget.BudgetFor(null));
        Assert.Equal((SkillBudgetUnit.Characters, 8000L), SkillBudget.BudgetFor(0));
    }

    [Fact]
    public void Tokens_are_utf8_bytes_over_four_rounded_up()
    {
        Assert.Equal(1, SkillBudget.Cost(SkillBudgetUnit.Tokens, "abc"));
        Assert.Equal(2, SkillBudget.Cost(SkillBudgetUnit.Tokens, "abcde"));
        Assert.Equal(2, SkillBudget.Cost(SkillBudgetUnit.Tokens, "ééé")); // 6 bytes
        Assert.Equal(3, SkillBudget.Cost(SkillBudgetUnit.Characters, "ééé"));
    }

    [Fact]
    public void A_description_over_1024_characters_is_cut_to_1021_and_an_ellipsis()
    {
        string capped = SkillBudget.CappedDescription(new string('x', 1100));
        Assert.Equal(1024, capped.Length);
        Assert.EndsWith("x...", capped, StringComparison.Ordinal);
        Assert.Equal(new string('y', 1024), SkillBudget.CappedDescription(new string('y', 1024)));
        // Characters are scalar values: an emoji counts once, and is never split.
        string emoji = string.Concat(Enumerable.Repeat("\U0001F4A1", 1025));
        Assert.Equal(1024, SkillText.CharCount(SkillBudget.CappedDescription(emoji)));
    }

    [Fact]
    public void A_model_that_asks_for_it_gets_the_how_to_use_section_after_the_list_outside_the_budget()
    {
        var skills = new[] { Skill("alpha", "Repo skill.", CodexSkillScope.Repo, R) };
        SkillBudgetResult plain = SkillBudget.Measure(skills, new[] { R }, 272_000);
        SkillBudgetResult usage = SkillBudget.Measure(skills, new[] { R }, 272_000, includeUsage: true);
        Assert.Equal(plain.Used, usage.Used);
        Assert.EndsWith("\n" + SkillPromptText.UsageHeading + "\n" + (usage.PathStyle == "Aliased" ? SkillPromptText.UsageWithAliases : SkillPromptText.UsageWithAbsolutePaths) + "\n</skills_instructions>", usage.RenderedText, StringComparison.Ordinal);
        Assert.DoesNotContain(SkillPromptText.UsageHeading, plain.RenderedText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_that_fits_is_rendered_whole_with_a_roots_table_in_codex_order()
    {
        var skills = new[]
        {
            Skill("zeta", "User skill.", CodexSkillScope.User, U),
            Skill("beta", "Repo skill.", CodexSkillScope.Repo, R),
            Skill("alpha", "System skill.", CodexSkillScope.System, S),
            Skill("off", "Disabled.", CodexSkillScope.Repo, R, enabled: false),
        };
        SkillBudgetResult result = SkillBudget.Measure(skills, new[] { R, U, S }, null);
        Assert.Equal("Full", result.Outcome.ToString());
        Assert.Equal("Aliased", result.PathStyle);
        Assert.Equal(new[] { $"- `r0` = `{R}`", $"- `r1` = `{U}`", $"- `r2` = `{S}`" }, result.RootLines);
        Assert.Equal(
            new[] { "- alpha: System skill. (file: r2/alpha/SKILL.md)", "- beta: Repo skill. (file: r0/beta/SKILL.md)", "- zeta: User skill. (file: r1/zeta/SKILL.md)" },
            result.Lines.Select(l => l.Text));
        Assert.StartsWith("<skills_instructions>\n## Skills\n" + SkillPromptText.IntroWithAliases + "\n### Skill roots\n", result.RenderedText, StringComparison.Ordinal);
        Assert.EndsWith("(file: r1/zeta/SKILL.md)\n</skills_instructions>", result.RenderedText, StringComparison.Ordinal);
    }

    [Fact]
    public void Descriptions_are_shortened_one_character_at_a_time_across_skills_before_any_is_omitted()
    {
        var alpha = Skill("alpha-skill", "abcdef");
        var beta = Skill("beta-skill", "uvwxyz");
        long budget = MinimumChars(alpha) + MinimumChars(beta) + 6; // room for two characters each (and the spaces)
        SkillBudgetResult result = SkillBudget.Measure(new[] { beta, alpha }, new[] { R }, null);
        Assert.Equal("Full", result.Outcome.ToString());

        SkillBudgetResult tight = MeasureWithCharacters(new[] { beta, alpha }, budget);
        Assert.Equal("DescriptionsTruncated", tight.Outcome.ToString());
        Assert.Equal(new[] { "- alpha-skill: ab (file: r0/alpha-skill/SKILL.md)", "- beta-skill: uv (file: r0/beta-skill/SKILL.md)" }, tight.Lines.Select(l => l.Text));
        Assert.Equal(8, tight.TruncatedDescriptionChars);
    }

    [Fact]
    public void Room_a_short_description_does_not_need_goes_to_the_longer_ones()
    {
        var shortOne = Skill("short-skill", "x");
        var longOne = Skill("long-skill", "abcdefghi");
        SkillBudgetResult result = MeasureWithCharacters(new[] { shortOne, longOne }, MinimumChars(shortOne) + MinimumChars(longOne) + 11);
        Assert.Equal(new[] { "- long-skill: abcdefgh (file: r0/long-skill/SKILL.md)", "- short-skill: x (file: r0/short-skill/SKILL.md)" }, result.Lines.Select(l => l.Text));
    }

    [Fact]
    public void When_even_bare_lines_do_not_fit_skills_are_kept_in_priority_order_and_the_rest_omitted()
    {
        var system = Skill("system-skill", "desc", CodexSkillScope.System);
        var admin = Skill("admin-skill", "desc", CodexSkillScope.Admin);
        var repo = Skill("repo-skill", "desc", CodexSkillScope.Repo);
        var user = Skill("user-skill", "desc", CodexSkillScope.User);
        SkillBudgetResult result = MeasureWithCharacters(new[] { user, repo, admin, system }, MinimumChars(system) + MinimumChars(admin));
        Assert.Equal("SkillsOmitted", result.Outcome.ToString());
        Assert.Equal(2, result.IncludedCount);
        Assert.Equal(new[] { "system-skill", "admin-skill" }, result.Lines.Where(l => l.Text is not null).Select(l => l.Skill.Name));
        Assert.All(result.Lines.Where(l => l.Text is not null), l => Assert.DoesNotContain("desc", l.Text!, StringComparison.Ordinal));
        Assert.Equal("Exceeded skills context budget. All skill descriptions were removed and 2 additional skills were not included in the model-visible skills list.", result.Warning);
    }

    [Fact]
    public void Many_roots_make_the_absolute_form_cheaper_and_codex_then_uses_it()
    {
        var skills = Enumerable.Range(0, 12).Select(i => Skill($"s{i:D2}", "d", CodexSkillScope.Repo, $"/w/{new string('l', i + 1)}/.agents/skills")).ToArray();
        SkillBudgetResult result = SkillBudget.Measure(skills, skills.Select(s => s.Root).ToArray(), 272_000);
        Assert.Equal("Absolute", result.PathStyle);
        Assert.Empty(result.RootLines);
        Assert.Contains("(file: /w/l/.agents/skills/s00/SKILL.md)", result.Lines[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plugin_with_one_skill_is_aliased_at_its_marketplace_folder_one_with_several_at_each_root()
    {
        const string cache = "/h/plugins/cache/mk";
        var one = Skill("p1:deploy", "d", CodexSkillScope.User, $"{cache}/p1/1.0.0/skills");
        var a = Skill("p2:one", "d", CodexSkillScope.User, $"{cache}/p2/1.0.0/a");
        var b = Skill("p2:two", "d", CodexSkillScope.User, $"{cache}/p2/1.0.0/b");
        SkillBudgetResult result = SkillBudget.Measure(new[] { one, a, b }, new[] { one.Root, a.Root, b.Root }, null);
        Assert.Equal(new[] { $"- `r0` = `{cache}`", $"- `r1` = `{cache}/p2/1.0.0/a`", $"- `r2` = `{cache}/p2/1.0.0/b`" }, result.RootLines);
        Assert.Contains("(file: r0/p1/1.0.0/skills/p1:deploy/SKILL.md)", result.Lines[0].Text, StringComparison.Ordinal);
    }

    // Small character budgets reach each outcome with two or four skills, as Codex's own render tests do.
    private static SkillBudgetResult MeasureWithCharacters(IReadOnlyList<CodexSkill> skills, long limit) =>
        SkillBudget.Measure(skills, new[] { R }, SkillBudgetUnit.Characters, limit);
}
