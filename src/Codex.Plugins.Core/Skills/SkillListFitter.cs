namespace Codex.Plugins.Skills;

/// <summary>
/// Fits the skill lines of one path form to a budget as Codex does: all lines whole if they fit; else every skill with
/// its description shortened, the room shared out one character at a time; else lines without descriptions, in order,
/// until the budget is spent; with the warning Codex shows for each.
/// </summary>
internal static class SkillListFitter
{
    private const int TruncationWarningAverageChars = 100;

    public static SkillListFit Fit(List<SkillLine> lines, SkillBudgetUnit unit, long limit, string[] rootLines, long tableCost)
    {
        int n = lines.Count;
        long fullTotal = lines.Sum(l => l.FullCost(unit));
        var rendered = new RenderedLine[n];
        SkillBudgetOutcome outcome;
        int truncatedChars = 0, truncatedCount = 0, included = n;
        if (fullTotal <= limit)
        {
            outcome = SkillBudgetOutcome.Full;
            for (int i = 0; i < n; i++)
            {
                rendered[i] = lines[i].Rendered(lines[i].DescriptionChars, unit);
            }
        }
        else if (lines.Sum(l => l.MinimumCost(unit)) is var minimumTotal && minimumTotal <= limit)
        {
            outcome = SkillBudgetOutcome.DescriptionsTruncated;
            int[] allocation = ShareDescriptionRoom(lines, unit, limit - minimumTotal);
            for (int i = 0; i < n; i++)
            {
                rendered[i] = lines[i].Rendered(allocation[i], unit);
                int lost = lines[i].DescriptionChars - allocation[i];
                if (lost > 0)
                {
                    truncatedChars += lost;
                    truncatedCount++;
                }
            }
        }
        else
        {
            outcome = SkillBudgetOutcome.SkillsOmitted;
            long used = 0;
            included = 0;
            for (int i = 0; i < n; i++)
            {
                long cost = lines[i].MinimumCost(unit);
                if (used + cost <= limit)
                {
                    used += cost;
                    included++;
                    rendered[i] = lines[i].Rendered(0, unit);
                }
                else
                {
                    rendered[i] = lines[i].Omitted(unit);
                }

                // Codex counts every description as cut here, listed or not.
                truncatedChars += lines[i].DescriptionChars;
                if (lines[i].DescriptionChars > 0)
                {
                    truncatedCount++;
                }
            }
        }

        int omitted = n - included;
        long linesCost = rendered.Sum(r => r.Cost);
        string? warning = null;
        if (omitted > 0)
        {
            string prefix = unit == SkillBudgetUnit.Tokens
                ? "Exceeded skills context budget of 2%. All skill descriptions were removed and"
                : "Exceeded skills context budget. All skill descriptions were removed and";
            warning = $"{prefix} {omitted} additional {(omitted == 1 ? "skill" : "skills")} {(omitted == 1 ? "was" : "were")} not included in the model-visible skills list.";
        }
        else if (truncatedChars > 0 && (truncatedChars + n - 1) / n > TruncationWarningAverageChars)
        {
            warning = unit == SkillBudgetUnit.Tokens
                ? "Skill descriptions were shortened to fit the 2% skills context budget. Codex can still see every skill, but some descriptions are shorter. Disable unused skills or plugins to leave more room for the rest."
                : "Skill descriptions were shortened to fit the skills context budget. Codex can still see every skill, but some descriptions are shorter. Disable unused skills or plugins to leave more room for the rest.";
        }

        return new SkillListFit(rendered, rootLines, tableCost, outcome, included, truncatedChars, linesCost, fullTotal + tableCost, warning);
    }

    /// <summary>
    /// Codex shares the room left after every name and path one description character at a time, skill by skill, in
    /// list order, until a whole pass adds nothing: short descriptions finish early and leave their share to the rest.
    /// </summary>
    private static int[] ShareDescriptionRoom(List<SkillLine> lines, SkillBudgetUnit unit, long room)
    {
        int n = lines.Count;
        var extraCosts = new long[n][];
        for (int i = 0; i < n; i++)
        {
            extraCosts[i] = lines[i].ExtraCosts(unit);
        }

        var allocation = new int[n];
        var current = new long[n];
        long remaining = room;
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int i = 0; i < n; i++)
            {
                long[] costs = extraCosts[i];
                if (allocation[i] >= costs.Length - 1)
                {
                    continue;
                }

                long next = costs[allocation[i] + 1];
                long delta = Math.Max(0, next - current[i]);
                if (delta <= remaining)
                {
                    allocation[i]++;
                    current[i] = next;
                    remaining -= delta;
                    changed = true;
                }
            }
        }

        return allocation;
    }
}
