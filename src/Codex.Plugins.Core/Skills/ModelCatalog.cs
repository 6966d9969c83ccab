namespace Codex.Plugins.Skills;

/// <summary>
/// The model catalogs bundled in the checked Codex releases, copied from the models.json each binary embeds (the
/// skill budget compat cases check them against codex debug prompt-input of each version). A release with a remote
/// catalog (ChatGPT sign-in, $CODEX_HOME/models_cache.json) can know more models; offline it knows these.
/// </summary>
public static class ModelCatalog
{
    private static readonly CatalogModel[] Release0169 =
    {
        new("gpt-6-astra", 272_000, 872_000, 2, true),
        new("gpt-6.1-sol", 272_000, 872_000, 1, true),
        new("gpt-6.1-terra", 500_000, 872_000, 7, true),
        new("gpt-6-sol", 272_000, 872_000, 3, true),
        new("gpt-6-luna", 272_000, 872_000, 4, true),
        new("gpt-5.6-sol", 272_000, 872_000, 5, true),
        new("gpt-5.6-terra", 272_000, 872_000, 8, true),
        new("gpt-5.6-luna", 272_000, 872_000, 9, true),
        new("gpt-daybreak-blue-latest", 272_000, 872_000, 11, false),
        new("gpt-daybreak-red-latest", 372_000, 372_000, 12, false),
        new("gpt-5.5", 272_000, 272_000, 13, true, SkillsUsage: true),
        new("codex-auto-review", 272_000, 872_000, 43, false),
    };

    private static readonly CatalogModel[] Release0171 =
    {
        new("gpt-6.2-sol", 500_000, 872_000, 1, true),
        new("gpt-6.2-astra", 272_000, 872_000, 2, true),
        new("gpt-6-astra", 272_000, 872_000, 5, true),
        new("gpt-6.1-sol", 500_000, 872_000, 4, true),
        new("gpt-6.1-terra", 500_000, 872_000, 3, true),
        new("gpt-6-sol", 272_000, 872_000, 6, true),
        new("gpt-6-luna", 272_000, 872_000, 7, true),
        new("gpt-5.6-sol", 272_000, 872_000, 8, true),
        new("gpt-5.6-terra", 272_000, 872_000, 9, true),
        new("gpt-5.6-luna", 272_000, 872_000, 10, true),
        new("gpt-daybreak-blue-latest", 272_000, 872_000, 11, false),
        new("gpt-daybreak-red-latest", 372_000, 372_000, 12, false),
        new("gpt-5.5", 272_000, 272_000, 13, true, SkillsUsage: true),
        new("codex-auto-review", 272_000, 872_000, 43, false),
    };

    /// <summary>The catalog of each checked release.</summary>
    public static Versions.VersionTable<IReadOnlyList<CatalogModel>> ByVersion { get; } = new(
        ("0.169.0", Release0169),
        ("0.171.0", Release0171));
}
