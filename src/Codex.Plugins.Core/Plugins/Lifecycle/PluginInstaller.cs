using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>
/// What codex plugin add and codex plugin remove do to a Codex home, without codex: the marketplace entry is found
/// and checked as codex checks it (listed for Codex, installable, a plugin folder codex would accept), its folder is
/// copied to plugins/cache/&lt;marketplace&gt;/&lt;plugin&gt;/&lt;version&gt;/ the way codex copies it (folders and
/// regular files; a new version beside the old ones, then the old ones removed; the same version replaced whole),
/// and the caller writes [plugins."p@m"] enabled = true. Remove deletes the plugin's cache folder and its
/// [plugins."p@m"] table; like codex it keeps plugins/data.
/// </summary>
public static class PluginInstaller
{
    /// <summary>Plans the install of one id; throws <see cref="CodexIssueException"/> with codex's reason when codex would refuse.</summary>
    public static PluginInstallPlan Plan(ConfigStack stack, string pluginId)
    {
        string configPath = stack.Environment.UserConfigPath;
        PluginKey key = PluginIdResolver.ParseId(pluginId, "Run Get-CodexPlugin -Available to see the ids.");

        var (marketplaces, _) = PluginInventory.ReadMarketplaces(stack);
        CodexMarketplace? marketplace = marketplaces.FirstOrDefault(m => m.Name == key.Marketplace && m.Loaded);
        if (marketplace is null)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.MarketplaceNotFound, IssueKind.NotFound,
                $"marketplace `{key.Marketplace}` was not found.{NameSuggestions.Hint(key.Marketplace, marketplaces.Select(m => m.Name))}", configPath, Target: pluginId,
                RecommendedAction: "Add the marketplace first (codex plugin marketplace add), or check the id with Get-CodexPlugin -Available."));
        }

        CodexMarketplaceEntry? entry = marketplace.Entries.FirstOrDefault(e => e.Name == key.Plugin && ForCodex(e));
        if (entry is null)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.PluginNotFound, IssueKind.NotFound,
                $"plugin `{key.Plugin}` was not found in marketplace `{key.Marketplace}`.{NameSuggestions.Hint(key.Plugin, marketplace.Entries.Where(ForCodex).Select(e => e.Name))}", marketplace.ManifestPath, Target: pluginId,
                RecommendedAction: "Check the id with Get-CodexPlugin -Available."));
        }

        if (entry.InstallPolicy == "NOT_AVAILABLE")
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.PluginRefused, IssueKind.InvalidData,
                $"plugin `{key.Plugin}` is not available for install in marketplace `{key.Marketplace}` (policy.installation is NOT_AVAILABLE).", entry.ManifestFile, entry.Line, Target: pluginId,
                RecommendedAction: "Ask the marketplace's owner to make it AVAILABLE."));
        }

        string cache = CacheDirectory(stack.Environment, key);
        IRemotePluginSource? remote = entry switch
        {
            { SourceKind: "git" or "git-subdir", Url: { } url } => new PluginGitSource(url, entry.SubPath, entry.Ref, entry.Sha),
            { SourceKind: "npm", Package: { } package } => new PluginNpmSource(package, entry.PackageVersion, entry.Registry),
            _ => null,
        };
        if (remote is not null)
        {
            return new PluginInstallPlan(key, null, remote, null, cache, Array.Empty<string>());
        }

        if (entry.Path is null)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.PluginSourceUnsupported, IssueKind.InvalidData,
                $"The entry's source ({entry.SourceKind}) names no folder, repository or package to install from.", entry.ManifestFile, entry.Line, Target: pluginId,
                RecommendedAction: "Fix the entry's source in the marketplace."));
        }

        if (!Directory.Exists(entry.Path))
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.PluginRefused, IssueKind.NotFound,
                $"codex plugin add refuses {pluginId}: plugin source path is not a directory: {entry.Path}.", entry.ManifestFile, entry.Line, Target: pluginId,
                RecommendedAction: "Fix the entry's source path."));
        }

        return ForFolder(key, entry.Path, cache);
    }

    /// <summary>
    /// Copies the plugin into a staging folder beside its cache folder, invisible to Codex, and returns it ready to be
    /// moved into place once the configuration names the plugin (see <see cref="StagedPluginInstall"/>). A git or npm
    /// source is fetched first, and what it gives checked as a local folder would be: codex plugin add refuses the
    /// same things there. Everything that can fail slowly (fetch, refusal, copy) fails here, before the configuration is written.
    /// </summary>
    public static StagedPluginInstall StageInCache(CodexEnvironment environment, PluginInstallPlan plan)
    {
        if (plan.Remote is null)
        {
            return StagedPluginInstall.Copy(plan);
        }

        using MaterializedPluginSource source = plan.Remote.Materialize(environment, plan.Key.ToString());
        if (!Directory.Exists(source.Root))
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.PluginRefused, IssueKind.NotFound,
                $"codex plugin add refuses {plan.Key}: plugin source path is not a directory: {source.Root} of {plan.Remote}.", plan.CacheDirectory, Target: plan.Key.ToString(),
                RecommendedAction: "Fix the entry's source path."));
        }

        return StagedPluginInstall.Copy(ForFolder(plan.Key, source.Root, plan.CacheDirectory) with { Remote = plan.Remote });
    }

    /// <summary>The plan for a plugin folder: checked as codex plugin add checks it, its version, the versions it replaces.</summary>
    private static PluginInstallPlan ForFolder(PluginKey key, string root, string cache)
    {
        string pluginId = key.ToString();
        PluginManifestFile? manifest = PluginManifestReader.Read(root, pluginId, out CodexIssue? problem);
        IReadOnlyList<PluginRefusal> refusals = PluginInstallRules.Check(root, manifest, problem, key.Plugin, out _, out string? installVersion);
        if (refusals.Count > 0)
        {
            PluginRefusal first = refusals[0];
            throw new CodexIssueException(new CodexIssue(ErrorIds.PluginRefused, IssueKind.InvalidData, $"codex plugin add refuses {pluginId}: {first.Message}.", first.File, first.Line, Target: pluginId, RecommendedAction: first.RecommendedAction));
        }

        string[] existing = Directory.Exists(cache)
            ? Directory.GetDirectories(cache).Select(Path.GetFileName).OfType<string>().Where(v => PluginInstallRules.VersionProblem(v) is null && v != installVersion).Order(StringComparer.Ordinal).ToArray()
            : Array.Empty<string>();
        return new PluginInstallPlan(key, root, null, installVersion!, cache, existing);
    }

    /// <summary>The cache folder codex plugin remove deletes: plugins/cache/&lt;marketplace&gt;/&lt;plugin&gt;.</summary>
    public static string CacheDirectory(CodexEnvironment environment, PluginKey key) =>
        Path.Combine(InstalledPluginLocator.CacheRoot(environment), key.Marketplace, key.Plugin);

    /// <summary>
    /// Plans the uninstall of one id: codex plugin remove deletes the cache folder and the [plugins."p@m"] table. An id
    /// neither configured nor cached is not installed (PluginNotInstalled, with the closest configured ids); an id that
    /// is not plugin@marketplace is PluginIdInvalid.
    /// </summary>
    public static PluginRemovalPlan PlanRemoval(ConfigStack stack, string pluginId)
    {
        PluginKey key = PluginIdResolver.ParseId(pluginId, "Run Get-CodexPlugin to see the ids.");
        string cache = CacheDirectory(stack.Environment, key);
        bool configured = stack.Get($"plugins.{TomlKey.Quote(key.ToString())}") is not null;
        if (!Directory.Exists(cache) && !configured)
        {
            var installed = InstalledPluginLocator.FromConfig(stack, new List<CodexIssue>()).Select(p => p.Key.ToString());
            throw new CodexIssueException(PluginIdResolver.NotInstalled(pluginId, installed, stack.Environment.CodexHome, cache, "Check the id with Get-CodexPlugin."));
        }

        return new PluginRemovalPlan(key, cache, configured);
    }

    /// <summary>Deletes the plugin's cache folder (all versions).</summary>
    public static void RemoveFromCache(CodexEnvironment environment, PluginKey key)
    {
        string cache = CacheDirectory(environment, key);
        try
        {
            if (Directory.Exists(cache))
            {
                // Renamed out of the way first, so Codex never sees a half-deleted plugin.
                string doomed = Path.Combine(Path.GetDirectoryName(cache)!, $".plugin-remove-{Environment.ProcessId}-{Guid.NewGuid():N}");
                Directory.Move(cache, doomed);
                Directory.Delete(doomed, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.PluginCacheWriteFailed, IssueKind.ReadError,
                $"Removing {cache} failed: {ex.Message}", cache, Target: key.ToString(), RecommendedAction: "Check that this account may change the Codex home's plugins/cache folder."), ex);
        }
    }

    /// <summary>Whether Codex lists the entry: policy.products, when given, must name Codex.</summary>
    private static bool ForCodex(CodexMarketplaceEntry entry) =>
        entry.Products is null || entry.Products.Any(p => string.Equals(p, "CODEX", StringComparison.OrdinalIgnoreCase));
}
