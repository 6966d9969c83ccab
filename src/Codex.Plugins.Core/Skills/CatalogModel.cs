namespace Codex.Plugins.Skills;

/// <summary>One model of the catalog bundled in a Codex release (its models.json).</summary>
/// <param name="Slug">The model name, matched as a prefix of the configured one.</param>
/// <param name="ContextWindow">The window Codex uses when model_context_window is not set.</param>
/// <param name="MaxContextWindow">The largest model_context_window Codex accepts for it; a larger one is capped here.</param>
/// <param name="Priority">The picker order; the first listed model is Codex's default.</param>
/// <param name="Listed">Shown in the model picker (visibility "list"); hidden models are never the default.</param>
/// <param name="SkillsUsage">include_skills_usage_instructions: the skill list ends with "### How to use skills".</param>
public sealed record CatalogModel(string Slug, long ContextWindow, long MaxContextWindow, int Priority, bool Listed, bool SkillsUsage = false);
