namespace Codex.Plugins.Skills;

/// <summary>
/// The aliased path form of the startup list: the roots table (rN = a root) and each skill's path under its alias.
/// </summary>
internal static class SkillRootAliases
{
    /// <summary>The roots table and the skill lines in the aliased form, or null when no listed skill sits under a used root.</summary>
    /// <param name="listable">The listed skills, in list order.</param>
    /// <param name="usedRoots">The canonical roots holding loaded skills, in Codex's scan order.</param>
    public static (string[] RootLines, List<SkillLine> Lines)? Lines(List<CodexSkill> listable, IReadOnlyList<string> usedRoots)
    {
        var listedRoots = new HashSet<string>(listable.Select(s => s.Root), StringComparer.Ordinal);
        List<string> roots = usedRoots.Where(listedRoots.Contains).ToList();
        if (roots.Count == 0)
        {
            return null;
        }

        // A plugin version with a single listed skill is aliased at its marketplace folder in the cache, so that many
        // one-skill plugins share one alias; a plugin with several skills keeps an alias per skill root.
        var skillsPerPluginVersion = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (CodexSkill skill in listable)
        {
            if (PluginVersionBase(skill.Root) is { } version)
            {
                skillsPerPluginVersion[version] = skillsPerPluginVersion.GetValueOrDefault(version) + 1;
            }
        }

        string AliasRootOf(string root) =>
            PluginVersionBase(root) is { } version && skillsPerPluginVersion.GetValueOrDefault(version) <= 1 && MarketplaceBase(root) is { } marketplace
                ? marketplace
                : root;

        var aliasRoots = new List<string>();
        foreach (string root in roots)
        {
            string alias = AliasRootOf(root);
            if (!aliasRoots.Contains(alias))
            {
                aliasRoots.Add(alias);
            }
        }

        string[] rootLines = aliasRoots.Select((r, i) => $"- `r{i}` = `{r.Replace('\\', '/')}`").ToArray();
        var lines = listable.Select(s =>
        {
            string alias = AliasRootOf(s.Root);
            int index = aliasRoots.IndexOf(alias);
            string path = s.DiscoveredPath.StartsWith(alias + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                ? $"r{index}/{s.DiscoveredPath[(alias.Length + 1)..].Replace('\\', '/')}"
                : s.DiscoveredPath.Replace('\\', '/');
            return new SkillLine(s, SkillBudget.CappedDescription(s.Description), path);
        }).ToList();
        return (rootLines, lines);
    }

    /// <summary>$CODEX_HOME/plugins/cache/&lt;marketplace&gt; above a path, if it is in the plugin cache.</summary>
    private static string? MarketplaceBase(string path)
    {
        for (string? candidate = path; candidate is not null; candidate = Path.GetDirectoryName(candidate))
        {
            string? parent = Path.GetDirectoryName(candidate);
            if (parent is not null && Path.GetFileName(parent) == "cache" && Path.GetFileName(Path.GetDirectoryName(parent)) == "plugins")
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>$CODEX_HOME/plugins/cache/&lt;marketplace&gt;/&lt;plugin&gt;/&lt;version&gt; above a path.</summary>
    private static string? PluginVersionBase(string path)
    {
        if (MarketplaceBase(path) is not { } marketplace || path.Length <= marketplace.Length + 1)
        {
            return null;
        }

        string[] parts = path[(marketplace.Length + 1)..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 ? Path.Combine(marketplace, parts[0], parts[1]) : null;
    }
}
