using System.Text;

namespace Codex.Plugins.Skills;

/// <summary>One skill's line in one path form.</summary>
internal sealed class SkillLine
{
    public SkillLine(CodexSkill skill, string description, string path)
    {
        Skill = skill;
        Description = description;
        ListedPath = path;
        DescriptionChars = SkillText.CharCount(description);
    }

    public CodexSkill Skill { get; }

    public string Description { get; }

    public string ListedPath { get; }

    public int DescriptionChars { get; }

    public string Text(int descriptionChars) => descriptionChars == 0
        ? $"- {Skill.Name}: (file: {ListedPath})"
        : $"- {Skill.Name}: {SkillText.Prefix(Description, descriptionChars)} (file: {ListedPath})";

    public long FullCost(SkillBudgetUnit unit) => SkillBudget.Cost(unit, Text(DescriptionChars) + "\n");

    public long MinimumCost(SkillBudgetUnit unit) => SkillBudget.Cost(unit, Text(0) + "\n");

    /// <summary>What each description length adds to the line without one (index = characters kept).</summary>
    public long[] ExtraCosts(SkillBudgetUnit unit)
    {
        string minimum = Text(0);
        long minChars = SkillText.CharCount(minimum) + 1;
        long minBytes = SkillText.ByteCount(minimum) + 1;
        long minCost = CostFromCounts(unit, minChars, minBytes);
        var costs = new long[DescriptionChars + 1];
        long chars = 0, bytes = 0;
        int k = 0;
        foreach (Rune rune in Description.EnumerateRunes())
        {
            chars++;
            bytes += rune.Utf8SequenceLength;
            costs[++k] = Math.Max(0, CostFromCounts(unit, minChars + chars + 1, minBytes + bytes + 1) - minCost);
        }

        return costs;
    }

    public RenderedLine Rendered(int descriptionChars, SkillBudgetUnit unit)
    {
        string text = Text(descriptionChars);
        return new RenderedLine(Skill, ListedPath, text, SkillBudget.Cost(unit, text + "\n"), FullCost(unit), MinimumCost(unit), DescriptionChars, descriptionChars);
    }

    public RenderedLine Omitted(SkillBudgetUnit unit) =>
        new(Skill, ListedPath, null, 0, FullCost(unit), MinimumCost(unit), DescriptionChars, 0);

    private static long CostFromCounts(SkillBudgetUnit unit, long chars, long bytes) => unit == SkillBudgetUnit.Tokens ? (bytes + 3) / 4 : chars;
}
