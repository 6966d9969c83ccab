using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Marketplaces;

namespace Codex.Plugins.Plugins;

/// <summary>
/// Installed plugins (the cache under the Codex home) and, on request, every marketplace entry, described as Codex
/// describes them in codex plugin list: id, version, installed and enabled state, policies, plus the manifest and the
/// components Codex would load.
/// </summary>
public sealed class PluginInventory
{
    private PluginInventory(IReadOnlyList<CodexMarketplace> marketplaces, IReadOnlyList<CodexPlugin> plugins, IReadOnlyList<CodexIssue> issues)
    {
        Marketplaces = marketplaces;
        Plugins = plugins;
        Issues = issues;
    }

    public IReadOnlyList<CodexMarketplace> Marketplaces { get; }

    public IReadOnlyList<CodexPlugin> Plugins { get; }

    public IReadOnlyList<CodexIssue> Issues { get; }

    /// <summary>Reads the marketplaces only.</summary>
    public static (IReadOnlyList<CodexMarketplace> Marketplaces, IReadOnlyList<CodexIssue> Issues) ReadMarketplaces(ConfigStack stack)
    {
        var issues = new List<CodexIssue>();
        var marketplaces = MarketplaceLocator.Find(stack).Select(root => MarketplaceReader.Read(root, stack.Environment, issues)).ToList();
        return (marketplaces, issues);
    }

    /// <summary>The issue for a marketplace name no marketplace has, with the closest names.</summary>
    public static CodexIssue MarketplaceNotFound(string name, IEnumerable<CodexMarketplace> marketplaces, CodexEnvironment environment) =>
        NameSuggestions.NotFound(ErrorIds.MarketplaceNotFound, name, $"No marketplace named '{name}'.", marketplaces.Select(m => m.Name), environment.UserConfigPath,
            "Add one with codex plugin marketplace add <source>.");

    /// <summary>
    /// The issue for a plugin name nothing matched, saying where it was looked for (the -Marketplace names, installed
    /// plugins, or every marketplace with -Available). Suggestions come from the plugins <paramref name="inMarketplaces"/>
    /// lets through, so a near miss names a plugin the user can actually get with the same -Marketplace.
    /// </summary>
    public CodexIssue PluginNotFound(string name, IReadOnlyList<string>? marketplaces, bool available, Func<CodexPlugin, bool> inMarketplaces, CodexEnvironment environment)
    {
        string where = marketplaces is not null ? $"{(available ? "offered by" : "installed from")} marketplace {string.Join(", ", marketplaces)}"
            : available ? "in any marketplace" : "installed (use -Available to search the marketplaces)";
        return NameSuggestions.NotFound(ErrorIds.PluginNotFound, name, $"No plugin '{name}' {where}.",
            Plugins.Where(inMarketplaces).Select(p => p.Name).Distinct().ToArray(), InstalledPluginLocator.CacheRoot(environment));
    }

    /// <summary>The issue for a -Marketplace name no plugin (installed, or with -Available offered) comes from.</summary>
    public CodexIssue NoPluginFromMarketplace(string name, bool available, CodexEnvironment environment) =>
        NameSuggestions.NotFound(ErrorIds.MarketplaceNotFound, name, $"No {(available ? string.Empty : "installed ")}plugin comes from a marketplace '{name}'.",
            Marketplaces.Select(m => m.Name), InstalledPluginLocator.CacheRoot(environment));

    /// <summary>
    /// The plugins with these ids as Codex reads them now, in the order given (an id Codex no longer lists is left
    /// out): what an edit's -PassThru returns after the write.
    /// </summary>
    public static IReadOnlyList<CodexPlugin> ReadBack(ConfigStack stack, IReadOnlyList<string> pluginIds, bool includeAvailable)
    {
        IReadOnlyList<CodexPlugin> plugins = Read(stack, includeAvailable).Plugins;
        return pluginIds.Select(id => plugins.FirstOrDefault(p => p.PluginId == id)).OfType<CodexPlugin>().ToList();
    }

    /// <param name="stack">The configuration.</param>
    /// <param name="includeAvailable">Also every marketplace entry that is not installed.</param>
    /// <param name="progress">Called with (done, total) while plugins are described.</param>
    public static PluginInventory Read(ConfigStack stack, bool includeAvailable, Action<int, int>? progress = null)
    {
        var (marketplaces, marketplaceIssues) = ReadMarketplaces(stack);
        var issues = new List<CodexIssue>(marketplaceIssues);
        CodexEnvironment env = stack.Environment;
        Dictionary<string, InstalledPlugin> configured = InstalledPluginLocator.FromConfig(stack, issues).ToDictionary(p => p.Key.ToString(), StringComparer.Ordinal);
        Dictionary<string, (string Cache, string[] Versions)> cached = ScanCache(env, issues);

        var work = new List<(string Id, CodexMarketplaceEntry? Entry, CodexMarketplace? Marketplace)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (CodexMarketplace marketplace in marketplaces)
        {
            foreach (CodexMarketplaceEntry entry in marketplace.Entries)
            {
                if ((includeAvailable || cached.ContainsKey(entry.PluginId)) && seen.Add(entry.PluginId))
                {
                    work.Add((entry.PluginId, entry, marketplace));
                }
            }
        }

        foreach (string id in cached.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            if (seen.Add(id))
            {
                work.Add((id, null, null));
            }
        }

        // Each plugin is read on its own (manifest, skills, servers, apps), so they are read side by side in one
        // parallel loop, which the caller's thread joins; it alone reports progress (a cmdlet may write only from its own
        // thread), at most every 200 ms. Results and issues keep the list's order. (In chunks of 64, a marketplace of
        // 40,000 entries paid 625 loops' start and join, and the pool's threads spun between them.)
        var plugins = new CodexPlugin[work.Count];
        var pluginIssues = new List<CodexIssue>[work.Count];
        int done = 0;
        int caller = Environment.CurrentManagedThreadId;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long nextReport = 0;
        Exception? fromProgress = null;
        progress?.Invoke(0, work.Count);
        Parallel.For(0, work.Count, (i, loop) =>
        {
            var (id, entry, marketplace) = work[i];
            cached.TryGetValue(id, out var cache);
            configured.TryGetValue(id, out InstalledPlugin? config);
            pluginIssues[i] = new List<CodexIssue>();
            plugins[i] = Describe(id, entry, marketplace, cache.Cache, cache.Versions, config, env, pluginIssues[i]);
            int now = Interlocked.Increment(ref done);
            if (progress is not null && Environment.CurrentManagedThreadId == caller && clock.ElapsedMilliseconds >= nextReport)
            {
                nextReport = clock.ElapsedMilliseconds + 200;
                try
                {
                    progress(now, work.Count);
                }
                catch (Exception ex)
                {
                    // The caller stopping (a pipeline stopped by Ctrl+C) ends the loop and reaches it as it was thrown.
                    fromProgress = ex;
                    loop.Stop();
                }
            }
        });
        if (fromProgress is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(fromProgress);
        }

        foreach (List<CodexIssue> found in pluginIssues)
        {
            issues.AddRange(found);
        }

        // The cache scan and the [plugins] lookup can meet the same unreadable folder: report it once.
        return new PluginInventory(marketplaces, plugins, issues.DistinctBy(i => (i.ErrorId, i.File, i.Line)).ToList());
    }

    private static CodexPlugin Describe(string id, CodexMarketplaceEntry? entry, CodexMarketplace? marketplace, string? cacheDir, string[]? versions,
        InstalledPlugin? config, CodexEnvironment env, List<CodexIssue> issues)
    {
        PluginKey.TryParse(id, out PluginKey key);
        string? active = versions is { Length: > 0 } ? PluginVersions.Active(versions) : null;
        bool installed = active is not null;
        string? root = installed ? Path.Combine(cacheDir!, active!) : entry?.Path;
        var findings = new List<CodexFinding>();

        PluginManifest? manifest = null;
        PluginManifestFile? file = null;
        CodexIssue? problem = null;
        // The manifest is opened without asking first whether the folder is there: only when no manifest is found does
        // it matter whether the folder is missing (one call less per plugin of a large marketplace).
        bool rootThere = root is not null
            && ((file = PluginManifestReader.Read(root, id, out problem)) is not null || problem?.ErrorId != ErrorIds.PluginManifestNotFound || Directory.Exists(root));
        if (rootThere)
        {
            if (file is not null)
            {
                manifest = PluginManifest.From(file);
            }
            else if (problem is not null)
            {
                findings.Add(new CodexFinding(problem.ErrorId, FindingSeverity.Error, problem.Message, id, problem.File, problem.Line, problem.RecommendedAction ?? string.Empty));
                if (installed)
                {
                    issues.Add(problem);
                }
            }
        }
        else if (entry?.SourceKind == "local")
        {
            findings.Add(new CodexFinding(ErrorIds.MarketplaceSourceUnresolved, FindingSeverity.Error,
                $"The marketplace entry points at {entry.Path}, which does not exist; Codex lists it without a version and cannot install it.",
                id, entry.ManifestFile, entry.Line, "Fix the entry's source path, or remove the entry."));
        }

        PluginComponents? components = null;
        if (manifest is not null)
        {
            if (manifest.Name is { Length: > 0 } declared && declared != key.Plugin)
            {
                findings.Add(new CodexFinding(ErrorIds.PluginNameMismatch, FindingSeverity.Error,
                    $"The manifest names the plugin '{declared}', the marketplace '{key.Plugin}'; Codex lists it but refuses to install it.",
                    id, manifest.File.Path, manifest.Root["name"]?.Location.Line, "Make the manifest name equal to the marketplace entry's name."));
            }

            if (manifest.VersionNode is { } versionNode && (versionNode is not TomlValueNode { Value: string } || (manifest.Version is { } v && !PluginVersions.IsValidFolderName(v))))
            {
                findings.Add(new CodexFinding(ErrorIds.PluginVersionInvalid, FindingSeverity.Error,
                    $"The version {versionNode.ToPlainValue()} is not a string of letters, digits, '.', '_', '+' and '-'; Codex cannot install the plugin under it.",
                    id, manifest.File.Path, versionNode.Location.Line, "Use a version such as 1.2.0."));
            }

            components = PluginComponents.Resolve(id, key.Plugin, root!, manifest, findings);
        }

        // codex plugin list shows the cached version once installed, else what the manifest declares (null when it
        // declares none; "local" is only the cache folder name used at install time).
        string? version = installed ? active : manifest?.Version;
        return new CodexPlugin
        {
            PluginId = id,
            Name = key.Plugin,
            Marketplace = key.Marketplace,
            Version = version,
            Installed = installed,
            // As codex plugin list: what [plugins."p@m"] says, installed or not (Codex loads only an installed one).
            Enabled = config is { Enabled: true },
            ActiveVersion = active,
            CachedVersions = versions ?? Array.Empty<string>(),
            Root = root,
            ManifestPath = manifest?.File.Path,
            InstallPolicy = entry?.InstallPolicy,
            AuthPolicy = entry?.AuthPolicy,
            Products = entry?.Products,
            Category = entry?.Category ?? manifest?.InterfaceString("category"),
            SourceKind = entry?.SourceKind,
            Source = entry?.Path ?? entry?.Url ?? entry?.Package,
            MarketplaceKind = marketplace?.Kind,
            MarketplaceSourceType = marketplace?.SourceType,
            MarketplaceSource = marketplace?.Source,
            Description = manifest?.Description,
            DisplayName = manifest?.InterfaceString("displayName"),
            ShortDescription = manifest?.InterfaceString("shortDescription"),
            LongDescription = manifest?.InterfaceString("longDescription"),
            DeveloperName = manifest?.InterfaceString("developerName"),
            Capabilities = manifest?.InterfaceStrings("capabilities") ?? Array.Empty<string>(),
            Keywords = manifest?.Keywords ?? Array.Empty<string>(),
            WebsiteUrl = manifest?.InterfaceString("websiteURL", "websiteUrl"),
            PrivacyPolicyUrl = manifest?.InterfaceString("privacyPolicyURL", "privacyPolicyUrl"),
            TermsOfServiceUrl = manifest?.InterfaceString("termsOfServiceURL", "termsOfServiceUrl"),
            BrandColor = manifest?.InterfaceString("brandColor"),
            DefaultPrompts = manifest?.DefaultPrompts() ?? Array.Empty<string>(),
            Skills = components?.Skills ?? Array.Empty<string>(),
            SkillRoots = components?.SkillRoots ?? Array.Empty<string>(),
            McpServers = components?.McpServers ?? Array.Empty<string>(),
            Apps = components?.Apps ?? Array.Empty<string>(),
            HookFiles = components?.HookFiles ?? Array.Empty<string>(),
            Findings = findings.ToArray(),
            CodexHome = env.CodexHome,
            ProjectPath = env.ProjectPath,
        };
    }

    /// <summary>Every plugin in the cache: $CODEX_HOME/plugins/cache/&lt;marketplace&gt;/&lt;plugin&gt;/&lt;version&gt;.</summary>
    private static Dictionary<string, (string Cache, string[] Versions)> ScanCache(CodexEnvironment env, List<CodexIssue> issues)
    {
        var result = new Dictionary<string, (string, string[])>(StringComparer.Ordinal);
        string cacheRoot = InstalledPluginLocator.CacheRoot(env);
        if (!Directory.Exists(cacheRoot))
        {
            return result;
        }

        foreach (string marketplaceDir in SafeDirectories(cacheRoot, issues))
        {
            foreach (string pluginDir in SafeDirectories(marketplaceDir, issues))
            {
                string[] versions = SafeDirectories(pluginDir, issues).Select(Path.GetFileName).OfType<string>().Where(v => !v.StartsWith('.')).ToArray();
                if (versions.Length > 0)
                {
                    result[$"{Path.GetFileName(pluginDir)}@{Path.GetFileName(marketplaceDir)}"] = (pluginDir, versions);
                }
            }
        }

        return result;
    }

    // An unreadable folder in the cache hides the plugins below it: say so, and carry on with the rest.
    private static IEnumerable<string> SafeDirectories(string path, List<CodexIssue> issues)
    {
        try
        {
            return Directory.GetDirectories(path).OrderBy(d => d, StringComparer.Ordinal).ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            issues.Add(new CodexIssue(ErrorIds.PluginCacheUnreadable, IssueKind.ReadError, $"The plugin cache folder cannot be read: {ex.Message}", path, Target: path,
                RecommendedAction: "Check the folder's permissions; Codex cannot load the plugins below it either."));
            return Array.Empty<string>();
        }
    }
}
