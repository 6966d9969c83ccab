namespace Codex.Plugins.Skills;

/// <summary>How Codex measures the startup skill list: in tokens (4 bytes each, rounded up) or in characters.</summary>
public enum SkillBudgetUnit
{
    Tokens,
    Characters,
}
