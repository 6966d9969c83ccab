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
    /// The plugin's key when <paramref name="id"/> names an installed plugin of <paramref name="inventory"/>;
    /// otherwise null and the issue to report (PluginIdInvalid or PluginNotInstalled, with the closest ids).
    /// </summary>
    public static PluginKey? FindInstalled(ConfigStack stack, PluginInventory inventory, string id, out CodexIssue? issue)
    {
        issue = null;
        if (!PluginKey.TryParse(id, out PluginKey key))
        {
            issue = new CodexIssue(ErrorIds.PluginIdInvalid, IssueKind.InvalidArgument,
                $"'{id}' is not a plugin id: Codex names plugins plugin@marketplace (letters, digits, - and _).",
                stack.Environment.UserConfigPath, Target: id, RecommendedAction: "Run Get-CodexPlugin to see the ids.");
            return null;
        }

        var installed = inventory.Plugins.Where(p => p.Installed).Select(p => p.PluginId).ToList();
        if (!installed.Contains(key.ToString(), StringComparer.Ordinal))
        {
            issue = new CodexIssue(ErrorIds.PluginNotInstalled, IssueKind.NotFound,
                $"Plugin '{id}' is not installed in {stack.Environment.CodexHome}.{NameSuggestions.Hint(id, installed)}",
                InstalledPluginLocator.CacheRoot(stack.Environment), Target: id,
                RecommendedAction: $"Install it first (codex plugin add {id}), or check the id with Get-CodexPlugin.");
            return null;
        }

        return key;
    }

    public static IReadOnlyList<ConfigEditOperation> Steps(PluginKey key, bool enabled) =>
        new[] { new ConfigEditOperation(ConfigEditKind.Set, new[] { "plugins", key.ToString(), "enabled" }, TomlEditValue.Boolean(enabled)) };

    /// <summary>What the confirmation shows.</summary>
    public static string Describe(PluginKey key, bool enabled) =>
        $"{(enabled ? "Enable" : "Disable")} plugin '{key}' (plugins.\"{key}\".enabled = {(enabled ? "true" : "false")})";
}
