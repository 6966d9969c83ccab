namespace Codex.Plugins.Skills;

/// <summary>A SKILL.md found under a root: where it was found and what it really is.</summary>
internal sealed record FoundSkillFile(SkillRoot Root, string CanonicalRoot, string DiscoveredPath, string CanonicalPath);
