namespace Codex.Plugins.Configuration;

/// <summary>How Codex finds the project around its working folder and decides whether to trust it.</summary>
public static class ProjectTrust
{
    private static readonly string[] DefaultRootMarkers = { ".git" };

    /// <summary>The nearest folder at or above <paramref name="cwd"/> holding a root marker; the cwd when none does.</summary>
    public static string FindProjectRoot(string cwd, TomlTableNode config)
    {
        IReadOnlyList<string> markers = RootMarkers(config);
        if (markers.Count == 0)
        {
            return cwd;
        }

        for (DirectoryInfo? dir = new(cwd); dir is not null; dir = dir.Parent)
        {
            foreach (string marker in markers)
            {
                string candidate = Path.Combine(dir.FullName, marker);
                if (File.Exists(candidate) || Directory.Exists(candidate))
                {
                    return dir.FullName;
                }
            }
        }

        return cwd;
    }

    public static IReadOnlyList<string> RootMarkers(TomlTableNode config)
    {
        if (config["project_root_markers"] is TomlArrayNode array)
        {
            return array.Items.OfType<TomlValueNode>().Select(v => v.Value as string).OfType<string>().ToArray();
        }

        return DefaultRootMarkers;
    }

    /// <summary>The folders from the project root down to the cwd, root first.</summary>
    public static IReadOnlyList<string> FoldersFromRootToCwd(string root, string cwd)
    {
        var folders = new List<string>();
        for (DirectoryInfo? dir = new(cwd); dir is not null; dir = dir.Parent)
        {
            folders.Add(dir.FullName);
            if (PathEquals(dir.FullName, root))
            {
                break;
            }
        }

        folders.Reverse();
        return folders;
    }

    /// <summary>The trust level recorded for the project, looked up as Codex looks it up.</summary>
    public static bool IsTrusted(string projectRoot, string cwd, TomlTableNode config)
    {
        if (config["projects"] is not TomlTableNode projects)
        {
            return false;
        }

        foreach (string candidate in new[] { projectRoot, cwd })
        {
            string normalized = Path.TrimEndingDirectorySeparator(candidate);
            foreach (var (key, node) in projects.Items)
            {
                if (PathEquals(Path.TrimEndingDirectorySeparator(key), normalized) && node is TomlTableNode entry)
                {
                    return string.Equals(entry.String("trust_level"), "trusted", StringComparison.Ordinal);
                }
            }
        }

        return false;
    }

    private static bool PathEquals(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b),
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
