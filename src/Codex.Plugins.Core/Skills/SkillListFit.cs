namespace Codex.Plugins.Skills;

/// <summary>The list in one path form fitted to its budget: every line as rendered, the outcome, and what it cost.</summary>
internal sealed record SkillListFit(RenderedLine[] Lines, string[] RootLines, long TableCost, SkillBudgetOutcome Outcome, int IncludedCount, int TruncatedChars, long LinesCost, long FullCost, string? Warning);
