using Codex.Plugins.Skills;
using Codex.Plugins.Versions;

namespace Codex.Plugins.Commands;

/// <summary>
/// Renders the startup skill list as Codex would for the model and measures it against its budget: which skills are
/// listed whole, cut or left out, what each costs, and what to remove to fit; also the AGENTS.md chain's size.
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "CodexSkillBudget")]
[OutputType(typeof(CodexSkillBudget))]
public sealed class MeasureCodexSkillBudgetCommand : CodexVersionedCommandBase
{
    private readonly SkillInventoryCache cache = new();

    /// <summary>A what-if: the budget for this window in tokens, taken as given (not capped at the model's maximum); 0 means unknown (the budget is then 8,000 characters).</summary>
    [Parameter(Position = 0)]
    [ValidateRange(0, long.MaxValue)]
    public long ContextWindow { get; set; }

    protected override void ProcessRecord()
    {
        ConfigStack stack = LoadStack();
        var (_, inventory) = cache.Get(stack, this);
        WriteIssues(inventory.Issues);

        CodexInstallation codex = ResolveInstallation(stack.Environment);
        ContextWindowChoice window = SkillContextWindow.Resolve(stack, GivenOrNull(nameof(ContextWindow), ContextWindow), CodexVersionChoice.RulesOf(codex));
        WriteVerbose($"Model {window.Model} ({window.ModelSource}), context window {window.Window?.ToString() ?? "unknown"} ({window.Source}), capped at {window.MaxContextWindow}.");

        (CodexSkillBudget budget, IReadOnlyList<CodexIssue> issues) = SkillBudgetReport.Build(stack, inventory, window, codex);
        WriteIssues(issues);
        WriteObject(budget);
    }
}
