namespace Codex.Plugins.Skills;

/// <summary>One skill's place in the rendered list.</summary>
public sealed record RenderedLine(CodexSkill Skill, string ListedPath, string? Text, long Cost, long FullCost, long MinimumCost, int DescriptionChars, int ShownDescriptionChars);
