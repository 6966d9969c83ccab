using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Skills;

/// <summary>
/// The startup skill list measured against its budget, as one object: what each skill costs and loses, what to cut to
/// fit, and the AGENTS.md chain against project_doc_max_bytes (with a warning when Codex will cut it).
/// </summary>
public static class SkillBudgetReport
{
    public static (CodexSkillBudget Budget, IReadOnlyList<CodexIssue> Issues) Build(ConfigStack stack, SkillInventory inventory, ContextWindowChoice window, CodexInstallation codex)
    {
        CodexIssue? docIssue = null;
        SkillBudgetResult result = SkillBudget.Measure(inventory.Skills, inventory.UsedRoots, window.Window, window.SkillsUsage);
        long overflow = Math.Max(0, result.FullCost - result.Limit);
        HashSet<string> cuts = SuggestCuts(result, overflow);
        var (docs, docBytes, docMax, docCut) = ProjectDocChain.Measure(stack);
        if (docCut > 0)
        {
            docIssue = new CodexIssue(ErrorIds.ProjectDocTooLarge, IssueKind.Warning,
                $"The project AGENTS.md files hold {docBytes} bytes; Codex reads {docMax} (project_doc_max_bytes) and leaves {docCut} out.",
                docs.LastOrDefault(), Target: stack.Environment.ProjectPath);
        }

        int position = 0;
        var budget = new CodexSkillBudget
        {
            ContextWindow = window.Window,
            ContextWindowSource = window.Source,
            Model = window.Model,
            ModelSource = window.ModelSource,
            CatalogModel = window.CatalogModel,
            ModelContextWindow = window.ModelContextWindow,
            MaxContextWindow = window.MaxContextWindow,
            CodexVersion = codex.Version,
            CodexVersionSource = codex.VersionSource,
            BudgetUnit = result.Unit.ToString(),
            Budget = result.Limit,
            Outcome = result.Outcome,
            PathStyle = result.PathStyle,
            LineBudget = result.LineBudget,
            Used = result.Used,
            FullCost = result.FullCost,
            Overflow = overflow,
            LoadedCount = inventory.Skills.Count,
            ListableCount = result.Lines.Length,
            IncludedCount = result.IncludedCount,
            OmittedCount = result.Lines.Length - result.IncludedCount,
            TruncatedDescriptionCount = result.Lines.Count(l => l.Text is not null && l.ShownDescriptionChars < l.DescriptionChars),
            TruncatedDescriptionChars = result.Lines.Where(l => l.Text is not null).Sum(l => l.DescriptionChars - l.ShownDescriptionChars),
            Warning = result.Warning,
            SuggestedCuts = result.Lines.Where(l => cuts.Contains(l.Skill.Path)).Select(l => l.Skill.Name).ToArray(),
            RootLines = result.RootLines,
            RenderedText = result.Lines.Length == 0 ? null : result.RenderedText,
            Skills = result.Lines.Select(l => new CodexSkillBudgetEntry
            {
                Position = ++position,
                Name = l.Skill.Name,
                Scope = l.Skill.Scope,
                PluginId = l.Skill.PluginId,
                Outcome = l.Text is null ? SkillListingOutcome.Omitted
                    : l.ShownDescriptionChars == l.DescriptionChars ? SkillListingOutcome.Full
                    : l.ShownDescriptionChars == 0 ? SkillListingOutcome.DescriptionRemoved : SkillListingOutcome.Truncated,
                ListedPath = l.ListedPath,
                Line = l.Text,
                FullCost = l.FullCost,
                MinimumCost = l.MinimumCost,
                Cost = l.Cost,
                DescriptionChars = l.DescriptionChars,
                ShownDescriptionChars = l.ShownDescriptionChars,
                LostDescriptionChars = l.Text is null ? l.DescriptionChars : l.DescriptionChars - l.ShownDescriptionChars,
                DescriptionCapped = l.Skill.DescriptionCapped,
                SuggestedCut = cuts.Contains(l.Skill.Path),
                Path = l.Skill.Path,
            }).ToArray(),
            ProjectDocFiles = docs,
            ProjectDocBytes = docBytes,
            ProjectDocMaxBytes = docMax,
            ProjectDocTruncatedBytes = docCut,
            CodexHome = stack.Environment.CodexHome,
            ProjectPath = stack.Environment.ProjectPath,
        };
        // The issues as every reader returns them: a list (here the AGENTS.md chain cut short, or nothing).
        return (budget, docIssue is null ? Array.Empty<CodexIssue>() : new[] { docIssue });
    }

    // Largest lines first, bundled system skills last (turning those off takes [skills] bundled = false for all).
    private static HashSet<string> SuggestCuts(SkillBudgetResult result, long overflow)
    {
        var cuts = new HashSet<string>(StringComparer.Ordinal);
        long freed = 0;
        foreach (RenderedLine line in result.Lines.OrderBy(l => l.Skill.Scope == CodexSkillScope.System).ThenByDescending(l => l.FullCost))
        {
            if (freed >= overflow)
            {
                break;
            }

            cuts.Add(line.Skill.Path);
            freed += line.FullCost;
        }

        return cuts;
    }
}
