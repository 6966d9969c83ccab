namespace Codex.Plugins.Skills;

/// <summary>
/// Renders the startup skill list (&lt;skills_instructions&gt;) as Codex 0.169.0 does and says how it fits its
/// budget. The rules, checked against codex debug prompt-input:
/// - budget: 2 % of a known context window in tokens, else 8,000 characters; only skill lines count against it,
///   plus what a roots table costs beyond the absolute form's longer introduction;
/// - every listable skill in order system, admin, repo, user, then name; a description over 1,024 characters is
///   first cut to 1,021 and "...";
/// - all lines whole if they fit; else every skill with its description shortened, the room shared out one
///   character at a time across skills; else lines without descriptions, in order, until the budget is spent;
/// - both path forms are rendered (absolute paths, or rN/... with a ### Skill roots table) and the aliased one is
///   kept when it lists more skills, cuts fewer characters, or costs less.
/// </summary>
public static class SkillBudget
{
    public const int ContextWindowPercent = 2;
    public const int UnknownWindowCharacters = 8000;
    private const string CapSuffix = "...";

    /// <summary>The budget for a context window: 2 % of it in tokens (at least 1), or 8,000 characters when unknown.</summary>
    public static (SkillBudgetUnit Unit, long Limit) BudgetFor(long? contextWindow) =>
        contextWindow is > 0 ? (SkillBudgetUnit.Tokens, Math.Max(1, contextWindow.Value * ContextWindowPercent / 100)) : (SkillBudgetUnit.Characters, UnknownWindowCharacters);

    /// <summary>What a text costs: tokens as UTF-8 bytes / 4 rounded up, or characters as Unicode scalar values.</summary>
    public static long Cost(SkillBudgetUnit unit, string text) =>
        unit == SkillBudgetUnit.Tokens ? (SkillText.ByteCount(text) + 3) / 4 : SkillText.CharCount(text);

    /// <summary>The description the list starts from: over 1,024 characters it becomes the first 1,021 and "...".</summary>
    public static string CappedDescription(string description) =>
        SkillText.CharCount(description) > SkillLimits.MaxListedDescriptionChars
            ? SkillText.Prefix(description, SkillLimits.MaxListedDescriptionChars - CapSuffix.Length) + CapSuffix
            : description;

    /// <summary>Renders the list for the skills of an inventory.</summary>
    /// <param name="skills">Every loaded skill; those not enabled or not implicitly invocable are not listed.</param>
    /// <param name="usedRoots">The canonical roots holding loaded skills, in Codex's scan order.</param>
    /// <param name="includeUsage">Whether the model's catalog entry asks for the "How to use skills" section.</param>
    public static SkillBudgetResult Measure(IReadOnlyList<CodexSkill> skills, IReadOnlyList<string> usedRoots, long? contextWindow, bool includeUsage = false)
    {
        var (unit, limit) = BudgetFor(contextWindow);
        return Measure(skills, usedRoots, unit, limit, includeUsage);
    }

    /// <summary>Renders against any budget (tests use small character budgets to reach each outcome).</summary>
    internal static SkillBudgetResult Measure(IReadOnlyList<CodexSkill> skills, IReadOnlyList<string> usedRoots, SkillBudgetUnit unit, long limit, bool includeUsage = false)
    {
        List<CodexSkill> listable = skills.Where(s => s.Listed)
            .OrderBy(s => PromptRank(s.Scope))
            .ThenBy(s => s.Name, SkillText.CodePointOrder)
            .ThenBy(s => s.Path, SkillText.CodePointOrder)
            .ToList();
        if (listable.Count == 0)
        {
            return new SkillBudgetResult(unit, limit, SkillBudgetOutcome.Full, "Absolute", limit, 0, Array.Empty<string>(), Array.Empty<RenderedLine>(), 0, 0, null, null);
        }

        var absoluteLines = listable.Select(s => new SkillLine(s, CappedDescription(s.Description), s.DiscoveredPath.Replace('\\', '/'))).ToList();
        SkillListFit absolute = SkillListFitter.Fit(absoluteLines, unit, limit, Array.Empty<string>(), 0);
        SkillListFit? aliased = FitAliased(listable, usedRoots, unit, limit);
        SkillListFit chosen = aliased is not null && IsBetter(aliased, absolute) ? aliased : absolute;

        string body = SkillPromptText.Body(chosen.RootLines, chosen.Lines.Where(l => l.Text is not null).Select(l => l.Text!).ToList());
        if (includeUsage)
        {
            body += SkillPromptText.UsageHeading + "\n" + (chosen.RootLines.Length > 0 ? SkillPromptText.UsageWithAliases : SkillPromptText.UsageWithAbsolutePaths) + "\n";
        }

        return new SkillBudgetResult(unit, limit, chosen.Outcome, chosen.RootLines.Length > 0 ? "Aliased" : "Absolute", limit - chosen.TableCost,
            chosen.TableCost, chosen.RootLines, chosen.Lines, chosen.IncludedCount, chosen.TruncatedChars, chosen.Warning,
            "<skills_instructions>" + body + "</skills_instructions>");
    }

    // The order of the startup list: system, admin, repo, user.
    private static int PromptRank(CodexSkillScope scope) => scope switch
    {
        CodexSkillScope.System => 0,
        CodexSkillScope.Admin => 1,
        CodexSkillScope.Repo => 2,
        _ => 3,
    };

    // What the roots table costs beyond the absolute form; the absolute introduction is longer, so a short table is free.
    private static long TableCost(SkillBudgetUnit unit, IReadOnlyList<string> rootLines) =>
        Math.Max(0, Cost(unit, SkillPromptText.Body(rootLines, Array.Empty<string>())) - Cost(unit, SkillPromptText.Body(Array.Empty<string>(), Array.Empty<string>())));

    private static bool IsBetter(SkillListFit aliased, SkillListFit absolute)
    {
        if (aliased.IncludedCount != absolute.IncludedCount)
        {
            return aliased.IncludedCount > absolute.IncludedCount;
        }

        if (aliased.TruncatedChars != absolute.TruncatedChars)
        {
            return aliased.TruncatedChars < absolute.TruncatedChars;
        }

        return aliased.TableCost + aliased.LinesCost < absolute.LinesCost;
    }

    private static SkillListFit? FitAliased(List<CodexSkill> listable, IReadOnlyList<string> usedRoots, SkillBudgetUnit unit, long limit)
    {
        if (SkillRootAliases.Lines(listable, usedRoots) is not { } aliasedForm)
        {
            return null;
        }

        var (rootLines, lines) = aliasedForm;

        long tableCost = TableCost(unit, rootLines);
        return tableCost >= limit ? null : SkillListFitter.Fit(lines, unit, limit - tableCost, rootLines, tableCost);
    }
}
