namespace Codex.Plugins;

/// <summary>The startup skill list Codex renders for the model, measured against its budget.</summary>
public sealed class CodexSkillBudget
{
    /// <summary>The context window the budget came from; null when unknown (Codex then allows 8,000 characters).</summary>
    public long? ContextWindow { get; init; }

    /// <summary>Parameter (a what-if, taken as given), Config (model_context_window), Config (capped) (above the model's MaxContextWindow, where Codex caps it) or Default (the model's own window).</summary>
    public string ContextWindowSource { get; init; } = string.Empty;

    /// <summary>The model Codex would use: model from the configuration (a profile's wins), else the release's default model.</summary>
    public string Model { get; init; } = string.Empty;

    /// <summary>Config (with the file and line that set model) or Default.</summary>
    public string ModelSource { get; init; } = string.Empty;

    /// <summary>The entry of the release's model catalog the model matched (longest prefix); null when Codex uses generic metadata for it.</summary>
    public string? CatalogModel { get; init; }

    /// <summary>The model's own window: what Codex uses when model_context_window is not set.</summary>
    public long ModelContextWindow { get; init; }

    /// <summary>The cap Codex puts on model_context_window for this model.</summary>
    public long MaxContextWindow { get; init; }

    /// <summary>The Codex version whose rules were applied (see Get-CodexInstallation).</summary>
    public string CodexVersion { get; init; } = string.Empty;

    /// <summary>Parameter (-CodexVersion), Binary, Rollout or Default: how CodexVersion was found.</summary>
    public string CodexVersionSource { get; init; } = string.Empty;

    /// <summary>Tokens (2 % of a known context window, a token being 4 bytes rounded up) or Characters (8,000).</summary>
    public string BudgetUnit { get; init; } = string.Empty;

    /// <summary>The budget in BudgetUnit.</summary>
    public long Budget { get; init; }

    /// <summary>Full (every description whole), DescriptionsTruncated (every skill, descriptions cut) or SkillsOmitted (no descriptions, some skills left out).</summary>
    public SkillBudgetOutcome Outcome { get; init; }

    /// <summary>Aliased (a ### Skill roots table, paths as rN/...) or Absolute: the form Codex picks as cheaper.</summary>
    public string PathStyle { get; init; } = string.Empty;

    /// <summary>Budget left for skill lines once the roots table is paid for.</summary>
    public long LineBudget { get; init; }

    /// <summary>What the list costs as rendered, in BudgetUnit: its lines plus what the roots table adds.</summary>
    public long Used { get; init; }

    /// <summary>What every listed skill with its whole description would cost, roots table included.</summary>
    public long FullCost { get; init; }

    /// <summary>How far the whole list is over the budget (0 when it fits).</summary>
    public long Overflow { get; init; }

    /// <summary>Skills loaded (enabled or not).</summary>
    public int LoadedCount { get; init; }

    /// <summary>Enabled skills that allow implicit invocation: the ones Codex tries to list.</summary>
    public int ListableCount { get; init; }

    public int IncludedCount { get; init; }

    public int OmittedCount { get; init; }

    public int TruncatedDescriptionCount { get; init; }

    /// <summary>Description characters the budget took away, over all skills.</summary>
    public int TruncatedDescriptionChars { get; init; }

    /// <summary>The warning Codex gives for this outcome, in its words; null when none.</summary>
    public string? Warning { get; init; }

    /// <summary>Names of the listed skills whose removal (largest first, system skills last) lets every description fit whole.</summary>
    public string[] SuggestedCuts { get; init; } = Array.Empty<string>();

    /// <summary>- `rN` = `root` lines of the roots table (empty in the absolute form).</summary>
    public string[] RootLines { get; init; } = Array.Empty<string>();

    /// <summary>The block as the model sees it, from &lt;skills_instructions&gt; to its closing tag; null when no skill is listed.</summary>
    public string? RenderedText { get; init; }

    /// <summary>One entry per listable skill, in the order Codex lists them.</summary>
    public CodexSkillBudgetEntry[] Skills { get; init; } = Array.Empty<CodexSkillBudgetEntry>();

    /// <summary>The AGENTS.md files Codex puts in the prompt (global, then project root down to the working folder).</summary>
    public string[] ProjectDocFiles { get; init; } = Array.Empty<string>();

    /// <summary>Bytes of the project AGENTS.md chain (the global file is not counted against the limit).</summary>
    public long ProjectDocBytes { get; init; }

    /// <summary>project_doc_max_bytes (32 KiB unless set).</summary>
    public long ProjectDocMaxBytes { get; init; }

    /// <summary>Bytes of the project chain past the limit, which Codex leaves out.</summary>
    public long ProjectDocTruncatedBytes { get; init; }

    public string CodexHome { get; init; } = string.Empty;

    public string ProjectPath { get; init; } = string.Empty;
}
