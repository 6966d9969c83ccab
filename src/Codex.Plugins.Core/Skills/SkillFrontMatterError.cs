namespace Codex.Plugins.Skills;

/// <summary>Why a front matter was refused, in Codex's words, with the line in SKILL.md when known.</summary>
internal sealed record SkillFrontMatterError(string ErrorId, string Message, int? Line);
