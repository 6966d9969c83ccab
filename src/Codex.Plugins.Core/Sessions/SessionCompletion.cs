namespace Codex.Plugins.Sessions;

/// <summary>Candidates for Tab completion, from names on disk only (no rollout is opened while the user types).</summary>
public static class SessionCompletion
{
    /// <summary>Session ids starting with <paramref name="prefix"/>, newest first, with the file's start time as tooltip.</summary>
    public static IEnumerable<(string Id, string Tooltip)> Ids(string codexHome, string prefix, int max)
    {
        string sessions = Path.Combine(codexHome, RolloutFileLocator.SessionsFolder);
        if (!Directory.Exists(sessions))
        {
            return Array.Empty<(string, string)>();
        }

        var found = new List<(string Id, DateTimeOffset? Time)>();
        foreach (RolloutFile f in RolloutFileLocator.FindUnder(sessions))
        {
            if (f.NameId is { } id && id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                found.Add((id, f.NameTime));
            }
        }

        return found
            .OrderByDescending(f => f.Time ?? DateTimeOffset.MinValue)
            .Take(max)
            .Select(f => (f.Id, f.Time?.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? f.Id))
            .ToList();
    }

    /// <summary>main, Codex's built-in agent roles, and the custom agents defined in the home's agents/ folder.</summary>
    public static IEnumerable<string> Roles(string codexHome)
    {
        var roles = new List<string> { SessionRoles.Main };
        roles.AddRange(Agents.AgentReader.BuiltInAgents);
        string agents = Path.Combine(codexHome, "agents");
        if (Directory.Exists(agents))
        {
            foreach (string file in Directory.EnumerateFiles(agents, "*.toml").Order(StringComparer.Ordinal))
            {
                roles.Add(Path.GetFileNameWithoutExtension(file));
            }
        }

        return roles.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
