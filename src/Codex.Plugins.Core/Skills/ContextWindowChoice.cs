namespace Codex.Plugins.Skills;

/// <summary>The window the skill budget is computed from, and the model and catalog entry it came from.</summary>
/// <param name="Window">The context window in tokens; null when unknown (a -ContextWindow 0 what-if).</param>
/// <param name="Source">Parameter (a what-if, taken as given), Config, Config (capped) (above the model's maximum) or Default (the model's own window).</param>
/// <param name="Model">The model Codex would use: model from the configuration (a profile's wins), else the release's default.</param>
/// <param name="ModelSource">Config (the file and line that set it) or Default.</param>
/// <param name="CatalogModel">The catalog entry the model matched (longest prefix); null when Codex falls back to generic metadata.</param>
/// <param name="ModelContextWindow">The model's own window: what Codex uses when model_context_window is not set.</param>
/// <param name="MaxContextWindow">The largest model_context_window Codex accepts for the model.</param>
/// <param name="SkillsUsage">Whether the model's catalog entry adds the "How to use skills" section to the list.</param>
public sealed record ContextWindowChoice(long? Window, string Source, string Model, string ModelSource, string? CatalogModel, long ModelContextWindow, long MaxContextWindow, bool SkillsUsage = false);
