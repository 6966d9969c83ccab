namespace Codex.Plugins.Skills;

/// <summary>The rendered list and how it fits.</summary>
public sealed record SkillBudgetResult(
    SkillBudgetUnit Unit,
    long Limit,
    SkillBudgetOutcome Outcome,
    string PathStyle,
    long LineBudget,
    long TableCost,
    string[] RootLines,
    RenderedLine[] Lines,
    int IncludedCount,
    int TruncatedDescriptionChars,
    string? Warning,
    string? RenderedText)
{
    /// <summary>What every listable skill costs with its whole description, roots table included.</summary>
    public long FullCost => TableCost + Lines.Sum(l => l.FullCost);

    /// <summary>What the list costs as rendered against the budget: its lines, plus the roots table beyond the absolute form.</summary>
    public long Used => TableCost + Lines.Sum(l => l.Cost);
}
