namespace Codex.Plugins;

/// <summary>How Codex fitted the startup skill list into its budget.</summary>
public enum SkillBudgetOutcome
{
    /// <summary>Every listed skill with its whole description.</summary>
    Full,

    /// <summary>Every listed skill, descriptions cut to fit.</summary>
    DescriptionsTruncated,

    /// <summary>No descriptions, and some skills left out.</summary>
    SkillsOmitted,
}
