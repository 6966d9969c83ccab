using Codex.Plugins.Diagnostics;
using Codex.Plugins.Findings;
using Codex.Plugins.Versions;

namespace Codex.Plugins.Skills;

/// <summary>
/// The skill rules of the audit: a SKILL.md Codex refuses (bad front matter, missing fields, unreadable) is a skill
/// nobody gets; a startup list over its budget loses descriptions or whole skills, so the model cannot pick them.
/// </summary>
public sealed class SkillFindings : IFindingProvider
{
    public IEnumerable<CodexFinding> Find(AuditContext context)
    {
        var findings = new List<CodexFinding>();
        SkillInventory skills = context.Skills;
        foreach (CodexIssue refused in skills.Issues)
        {
            if (refused.Kind == IssueKind.Warning)
            {
                context.Issues.Add(refused);
                continue;
            }

            findings.Add(new CodexFinding(AuditRuleIds.SkillNotLoaded, FindingSeverity.Warning,
                $"Codex does not load the skill in this file: {refused.Message}",
                refused.Target ?? refused.File ?? "skills", refused.File, refused.Line,
                refused.RecommendedAction ?? "Fix the SKILL.md front matter (name and description between --- lines), or remove the skill."));
        }

        ContextWindowChoice window = SkillContextWindow.Resolve(context.Stack, null, CodexReleases.Parse(context.Codex.BehavesAs) ?? CodexReleases.Newest);
        CodexSkillBudget budget = SkillBudgetReport.Build(context.Stack, skills, window, context.Codex).Budget;
        if (budget.Outcome != SkillBudgetOutcome.Full)
        {
            string lost = budget.OmittedCount > 0
                ? $"{budget.OmittedCount} of {budget.ListableCount} skills are left out and the rest lose their descriptions"
                : $"the descriptions lose {budget.TruncatedDescriptionChars} characters";
            findings.Add(new CodexFinding(AuditRuleIds.SkillListOverBudget, FindingSeverity.Warning,
                $"The startup skill list costs {budget.FullCost} {budget.BudgetUnit.ToLowerInvariant()} against a budget of {budget.Budget}: {lost}. Cutting {string.Join(", ", budget.SuggestedCuts)} would make it fit.",
                "skills", null, null, "Run Measure-CodexSkillBudget to see what each skill costs; disable unused ones with [[skills.config]] or shorten their descriptions."));
        }

        return findings;
    }
}
