using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Plugins;

/// <summary>Finds the plugins the configuration names and where their active version is cached.</summary>
public static class InstalledPluginLocator
{
    public static string CacheRoot(CodexEnvironment environment) => Path.Combine(environment.CodexHome, "plugins", "cache");

    /// <summary>Every well-formed key under [plugins], in key order (the order Codex resolves name clashes in).</summary>
    public static IEnumerable<InstalledPlugin> FromConfig(ConfigStack stack, List<CodexIssue> issues)
    {
        if (stack.Effective["plugins"] is not TomlTableNode plugins)
        {
            yield break;
        }

        foreach (var (text, node) in plugins.Items.OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            if (node is not TomlTableNode entry || !PluginKey.TryParse(text, out PluginKey key))
            {
                continue;
            }

            bool enabled = entry["enabled"] is not TomlValueNode { Value: false };
            string cache = Path.Combine(CacheRoot(stack.Environment), key.Marketplace, key.Plugin);
            string? version = null;
            try
            {
                version = Directory.Exists(cache)
                    ? PluginVersions.Active(Directory.GetDirectories(cache).Select(Path.GetFileName).OfType<string>())
                    : null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Codex cannot load what it cannot read either: the plugin counts as not installed.
                issues.Add(new CodexIssue(ErrorIds.PluginCacheUnreadable, IssueKind.ReadError, $"The plugin cache folder cannot be read: {ex.Message}", cache,
                    Target: key.ToString(), RecommendedAction: "Check the folder's permissions."));
            }

            yield return new InstalledPlugin(key, enabled, entry, cache, version, version is null ? null : Path.Combine(cache, version));
        }
    }
}
