using Codex.Plugins.Configuration;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Plugins;

/// <summary>
/// The configuration change that switches an installed plugin on or off: [plugins."p@m"] enabled = true or false,
/// in the user's config.toml unless the caller names another file. Codex reads the key only for installed plugins,
/// so an id that is malformed or not installed is refused rather than written.
/// </summary>
public static class PluginStateEdit
{
    /// <summary>
    /// The plugin's key when <paramref name="id"/> (an id, or the name of one plugin) names an installed plugin of <paramref name="inventory"/>;
    /// otherwise null and the issue to report (PluginIdInvalid, PluginNameAmbiguous or PluginNotInstalled with the closest ids).
    /// </summary>
    public static PluginKey? FindInstalled(ConfigStack stack, PluginInventory inventory, string id, out CodexIssue? issue)
    {
        (PluginKey? key, issue) = PluginIdResolver.Resolve(id, inventory.Plugins.Where(p => p.Installed).ToList(), stack.Environment.CodexHome, InstalledPluginLocator.CacheRoot(stack.Environment));
        return key;
    }

    public static IReadOnlyList<ConfigEditOperation> Steps(PluginKey key, bool enabled) =>
        new[] { new ConfigEditOperation(ConfigEditKind.Set, new[] { "plugins", key.ToString(), "enabled" }, TomlEditValue.Boolean(enabled)) };

    /// <summary>What the confirmation shows.</summary>
    public static string Describe(PluginKey key, bool enabled) =>
        $"{(enabled ? "Enable" : "Disable")} plugin '{key}' (plugins.\"{key}\".enabled = {(enabled ? "true" : "false")})";
}
