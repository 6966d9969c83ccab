namespace Codex.Plugins.Skills;

/// <summary>
/// A folder Codex scans for skills, with the scope its skills get and the plugin it belongs to. (Skill names get
/// their plugin: prefix from the nearest plugin manifest above SKILL.md, not from the root: see PluginNamespace.)
/// </summary>
public sealed record SkillRoot(string Path, CodexSkillScope Scope, string? PluginId = null);
