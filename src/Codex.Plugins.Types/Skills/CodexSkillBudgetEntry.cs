namespace Codex.Plugins;

/// <summary>One skill in the startup list: what it costs whole, what it costs as rendered, and what it loses.</summary>
public sealed class CodexSkillBudgetEntry
{
    /// <summary>1-based place in the list (omitted skills keep their place in Codex's order).</summary>
    public int Position { get; init; }

    public string Name { get; init; } = string.Empty;

    public CodexSkillScope Scope { get; init; }

    public string? PluginId { get; init; }

    /// <summary>Full, Truncated, DescriptionRemoved or Omitted.</summary>
    public SkillListingOutcome Outcome { get; init; }

    /// <summary>The path as the list shows it (rN/... or absolute).</summary>
    public string ListedPath { get; init; } = string.Empty;

    /// <summary>The line as rendered; null when omitted.</summary>
    public string? Line { get; init; }

    /// <summary>Cost of the line with the whole description, newline included.</summary>
    public long FullCost { get; init; }

    /// <summary>Cost of the line without a description.</summary>
    public long MinimumCost { get; init; }

    /// <summary>Cost as rendered (0 when omitted).</summary>
    public long Cost { get; init; }

    /// <summary>Characters of the description Codex starts from (after the 1,024-character cap).</summary>
    public int DescriptionChars { get; init; }

    public int ShownDescriptionChars { get; init; }

    /// <summary>Characters the budget took away.</summary>
    public int LostDescriptionChars { get; init; }

    /// <summary>True when the description is over 1,024 characters and is cut to 1,021 and "..." before any budget.</summary>
    public bool DescriptionCapped { get; init; }

    /// <summary>True when this skill is among the suggested cuts.</summary>
    public bool SuggestedCut { get; init; }

    public string Path { get; init; } = string.Empty;

    public override string ToString() => Name;
}
