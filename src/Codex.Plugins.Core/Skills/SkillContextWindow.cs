using Codex.Plugins.Configuration;

namespace Codex.Plugins.Skills;

/// <summary>
/// The context window a Codex release budgets the skill list from, as it works it out (checked with codex debug
/// prompt-input of 0.169.0 and 0.171.0, and openai/codex models-manager):
/// - the model is model from the configuration (a profile file's wins), else the catalog's first listed model by
///   priority (0.169.0: gpt-6.1-sol, 272,000 tokens; 0.171.0: gpt-6.2-sol, 500,000);
/// - its metadata is the catalog entry whose slug is the longest prefix of the model ("gpt-6.1-sol-2026" is
///   gpt-6.1-sol), else, for "namespace/model", of the part after the slash; a model matching none gets generic
///   metadata: a window of 272,000 and a maximum of 272,000;
/// - model_context_window replaces the model's window but is capped at the model's maximum (872,000 for most, 372,000
///   or 272,000 for some; so 1,000,000 with an unknown model such as gpt-5 budgets as 272,000).
/// </summary>
public static class SkillContextWindow
{
    /// <summary>The window and maximum Codex gives a model its catalog does not know.</summary>
    public const long FallbackWindow = 272_000;

    /// <summary>The window for a stack and release; <paramref name="parameter"/> is a what-if taken as given (0 = unknown).</summary>
    public static ContextWindowChoice Resolve(ConfigStack stack, long? parameter, Version codexVersion)
    {
        IReadOnlyList<CatalogModel> catalog = ModelCatalog.ByVersion.For(codexVersion);
        (string model, string modelSource) = stack.Get("model") is TomlValueNode { Value: string configuredModel } node && configuredModel.Length > 0
            ? (configuredModel, $"Config ({node.Location.File}:{node.Location.Line})")
            : (DefaultModel(catalog).Slug, "Default");
        CatalogModel? entry = Match(model, catalog);
        long own = entry?.ContextWindow ?? FallbackWindow;
        long max = entry?.MaxContextWindow ?? FallbackWindow;
        bool usage = entry?.SkillsUsage ?? false;

        if (parameter is { } given)
        {
            return new ContextWindowChoice(given == 0 ? null : given, "Parameter", model, modelSource, entry?.Slug, own, max, usage);
        }

        if (stack.Get("model_context_window") is TomlValueNode { Value: long configured } && configured > 0)
        {
            return new ContextWindowChoice(Math.Min(configured, max), configured > max ? "Config (capped)" : "Config", model, modelSource, entry?.Slug, own, max, usage);
        }

        return new ContextWindowChoice(own, "Default", model, modelSource, entry?.Slug, own, max, usage);
    }

    /// <summary>Codex's default model: the first listed (picker-visible) model by priority.</summary>
    public static CatalogModel DefaultModel(IReadOnlyList<CatalogModel> catalog) =>
        catalog.Where(m => m.Listed).OrderBy(m => m.Priority).FirstOrDefault() ?? catalog.OrderBy(m => m.Priority).First();

    /// <summary>The catalog entry for a model: the longest slug the model starts with, then the same after one "namespace/".</summary>
    public static CatalogModel? Match(string model, IReadOnlyList<CatalogModel> catalog)
    {
        CatalogModel? LongestPrefix(string name) => catalog
            .Where(m => name.StartsWith(m.Slug, StringComparison.Ordinal))
            .OrderByDescending(m => m.Slug.Length)
            .FirstOrDefault();

        if (LongestPrefix(model) is { } direct)
        {
            return direct;
        }

        int slash = model.IndexOf('/');
        if (slash <= 0 || model.IndexOf('/', slash + 1) >= 0)
        {
            return null;
        }

        string ns = model[..slash];
        return ns.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? LongestPrefix(model[(slash + 1)..]) : null;
    }
}
