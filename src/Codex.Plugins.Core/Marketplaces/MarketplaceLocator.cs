using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Marketplaces;

/// <summary>A marketplace root to read, before its manifest is parsed.</summary>
public sealed record MarketplaceRoot(string Kind, string Root, string? ConfiguredName, string? SourceType, string? Source, TomlNode? ConfigNode);

/// <summary>
/// Where Codex finds marketplaces: [marketplaces.NAME] in the configuration (a local source is its own root; a git
/// source is fetched under $CODEX_HOME/plugins/marketplaces/NAME), the curated copy under $CODEX_HOME/.tmp/plugins,
/// the personal marketplace in the home folder, and the repository marketplace at the project's git root.
/// </summary>
public static class MarketplaceLocator
{
    public static readonly string[] ManifestPaths = { Path.Combine(".agents", "plugins", "marketplace.json"), Path.Combine(".claude-plugin", "marketplace.json") };

    public static string? ManifestIn(string root) =>
        ManifestPaths.Select(p => Path.Combine(root, p)).FirstOrDefault(File.Exists);

    public static IReadOnlyList<MarketplaceRoot> Find(ConfigStack stack)
    {
        var roots = new List<MarketplaceRoot>();
        CodexEnvironment env = stack.Environment;
        if (stack.Effective["marketplaces"] is TomlTableNode configured)
        {
            foreach (var (name, node) in configured.Items)
            {
                if (node is not TomlTableNode entry)
                {
                    continue;
                }

                string? sourceType = entry.String("source_type");
                string? source = entry.String("source");
                string root = sourceType == "local" && source is not null
                    ? ExpandHome(source, env.UserHome)
                    : Path.Combine(env.CodexHome, "plugins", "marketplaces", name);
                roots.Add(new MarketplaceRoot("Configured", root, name, sourceType, source, node));
            }
        }

        string curated = Path.Combine(env.CodexHome, ".tmp", "plugins");
        if (ManifestIn(curated) is not null)
        {
            roots.Add(new MarketplaceRoot("Curated", curated, null, "git", null, null));
        }

        if (ManifestIn(env.UserHome) is not null)
        {
            roots.Add(new MarketplaceRoot("Personal", env.UserHome, null, null, null, null));
        }

        if (ProjectTrust.FindGitRoot(env.ProjectPath) is { } repo && ManifestIn(repo) is not null
            && !roots.Any(r => PathEquals(r.Root, repo)))
        {
            roots.Add(new MarketplaceRoot("Repo", repo, null, null, null, null));
        }

        return roots;
    }

    private static string ExpandHome(string path, string home) =>
        path == "~" ? home : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, path[2..]) : path;

    private static bool PathEquals(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);
}
