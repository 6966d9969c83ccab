namespace Codex.Plugins.Skills;

/// <summary>The fields of a SKILL.md front matter that Codex reads.</summary>
internal sealed record SkillFrontMatterFields(string? Name, string? Description, string? ShortDescription);
