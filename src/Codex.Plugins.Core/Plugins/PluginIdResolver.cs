using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Plugins;

/// <summary>
/// What a user typed for a plugin, as the installed plugin's id: an id (name@marketplace) as written, or a plugin name
/// that one installed plugin has. Names match as Codex matches them, exactly and case-sensitively; a name two
/// marketplaces share resolves to nothing, and the error lists the ids to choose from.
/// </summary>
public static class PluginIdResolver
{
    /// <summary>The installed plugin's key, or the issue that says why there is none.</summary>
    public static (PluginKey? Key, CodexIssue? Issue) Resolve(string nameOrId, IReadOnlyList<CodexPlugin> installed, string codexHome, string cacheRoot)
    {
        // Neither an id nor a name Codex could give a plugin: a bad argument, not a plugin that is missing.
        bool nameShaped = nameOrId.Length > 0 && nameOrId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
        if (nameOrId.Contains('@') || !nameShaped)
        {
            if (!PluginKey.TryParse(nameOrId, out PluginKey key))
            {
                return (null, InvalidId(nameOrId, "Run Get-CodexPlugin to see the ids."));
            }

            if (installed.Any(p => string.Equals(p.PluginId, key.ToString(), StringComparison.Ordinal)))
            {
                return (key, null);
            }

            return (null, NotInstalled(nameOrId, installed.Select(p => p.PluginId), codexHome, cacheRoot));
        }

        var named = installed.Where(p => string.Equals(p.Name, nameOrId, StringComparison.Ordinal)).ToList();
        if (named.Count == 1 && PluginKey.TryParse(named[0].PluginId, out PluginKey only))
        {
            return (only, null);
        }

        if (named.Count > 1)
        {
            string ids = string.Join(", ", named.Select(p => p.PluginId).Order(StringComparer.Ordinal));
            return (null, new CodexIssue(ErrorIds.PluginNameAmbiguous, IssueKind.InvalidData,
                $"Several installed plugins are named '{nameOrId}': {ids}. Say which by its id.", cacheRoot, Target: nameOrId,
                RecommendedAction: $"Pass one of the ids: {ids}."));
        }

        return (null, NotInstalled(nameOrId, installed.Select(p => p.Name).Concat(installed.Select(p => p.PluginId)), codexHome, cacheRoot));
    }

    /// <summary>The key of a plugin id (plugin@marketplace); throws PluginIdInvalid, a bad argument, for anything else.</summary>
    public static PluginKey ParseId(string pluginId, string recommendedAction)
    {
        return PluginKey.TryParse(pluginId, out PluginKey key) ? key : throw new CodexIssueException(InvalidId(pluginId, recommendedAction));
    }

    /// <summary>PluginNotInstalled for <paramref name="wanted"/>, with the closest of <paramref name="known"/> as "Did you mean".</summary>
    public static CodexIssue NotInstalled(string wanted, IEnumerable<string> known, string codexHome, string file,
        string recommendedAction = "Install it first (codex plugin add NAME@MARKETPLACE), or check the id with Get-CodexPlugin.")
    {
        string hint = NameSuggestions.Hint(wanted, known);
        return new CodexIssue(ErrorIds.PluginNotInstalled, IssueKind.NotFound,
            $"Plugin '{wanted}' is not installed in {codexHome}.{hint}", file, Target: wanted, RecommendedAction: recommendedAction);
    }

    private static CodexIssue InvalidId(string pluginId, string recommendedAction) =>
        new(ErrorIds.PluginIdInvalid, IssueKind.InvalidArgument,
            $"'{pluginId}' is not a plugin id: Codex names plugins plugin@marketplace (letters, digits, - and _).", null, Target: pluginId,
            RecommendedAction: recommendedAction);
}
