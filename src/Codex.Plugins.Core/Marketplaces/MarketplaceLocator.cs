using Codex.Plugins.Configuration;

namespace Codex.Plugins.Marketplaces;

/// <summary>
/// Where Codex finds marketplaces: [marketplaces.NAME] in the configuration (a local source is its own root; any
/// other source is fetched under $CODEX_HOME/.tmp/marketplaces/NAME), the curated copy under $CODEX_HOME/.tmp/plugins,
/// the personal marketplace in the home folder, and the repository marketplace at the project's git root. Codex
/// 0.169.0 lists the personal one first, then the others sorted by root path.
/// </summary>
public static class MarketplaceLocator
{
    public static readonly string[] ManifestPaths = { Path.Combine(".agents", "plugins", "marketplace.json"), Path.Combine(".claude-plugin", "marketplace.json") };

    public static string? ManifestIn(string root) =>
        ManifestPaths.Select(p => Path.Combine(root, p)).FirstOrDefault(File.Exists);

    /// <summary>Where codex marketplace add puts a marketplace it fetched.</summary>
    public static string InstallRoot(CodexEnvironment env) => Path.Combine(env.CodexHome, ".tmp", "marketplaces");

    public static IReadOnlyList<MarketplaceRoot> Find(ConfigStack stack)
    {
        var roots = new List<MarketplaceRoot>();
        CodexEnvironment env = stack.Environment;

        // The effective [marketplaces]: codex 0.169.0 also takes a trusted project's entries (a compat test shows it).
        if (stack.Effective["marketplaces"] is TomlTableNode configured)
        {
            foreach (var (name, node) in configured.Items)
            {
                if (node is not TomlTableNode entry || !Plugins.PluginKey.IsSegment(name))
                {
                    continue;
                }

                string? sourceType = entry.String("source_type");
                string? source = entry.String("source");
                string? root = sourceType == "local"
                    ? (string.IsNullOrEmpty(source) ? null : source)
                    : Path.Combine(InstallRoot(env), name);
                // Codex passes over a configured marketplace without a manifest in silence; we keep it, so the reader
                // reports it as unresolved (its entries are listed by neither).
                if (root is not null)
                {
                    roots.Add(new MarketplaceRoot("Configured", root, name, sourceType, source, node));
                }
            }
        }

        string curated = Path.Combine(env.CodexHome, ".tmp", "plugins");
        if (ManifestIn(curated) is not null)
        {
            roots.Add(new MarketplaceRoot("Curated", curated, null, "git", null, null));
        }

        // Configured and curated roots in path order, as Rust sorts PathBufs (component by component); the personal
        // marketplace comes before them and the repository's after, which is the order codex plugin list prints.
        var ordered = roots.OrderBy(r => Path.GetFullPath(r.Root), PathComponentComparer.Instance).ToList();
        if (ManifestIn(env.UserHome) is not null)
        {
            ordered.Insert(0, new MarketplaceRoot("Personal", env.UserHome, null, null, null, null));
        }

        if (ProjectTrust.FindGitRoot(env.ProjectPath) is { } repo && ManifestIn(repo) is not null)
        {
            ordered.Add(new MarketplaceRoot("Repo", repo, null, null, null, null));
        }

        // The same root twice is read once: the first wins.
        return ordered
            .GroupBy(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r.Root)), StringComparer.Ordinal)
            .Select(g => g.First())
            .ToList();
    }

    private sealed class PathComponentComparer : IComparer<string>
    {
        public static readonly PathComponentComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            string[] a = (x ?? string.Empty).Split('/', '\\'), b = (y ?? string.Empty).Split('/', '\\');
            for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
            {
                int c = string.CompareOrdinal(a[i], b[i]);
                if (c != 0)
                {
                    return c;
                }
            }

            return a.Length.CompareTo(b.Length);
        }
    }
}
