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
                if (HasMarker(dir.FullName, marker))
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

    /// <summary>
    /// Whether Codex reads the .codex folder of <paramref name="layerDirectory"/>. Codex looks the trust level up by exact
    /// path: the layer's own folder first, then the project root, then the git repository root; the first entry
    /// found decides, so an explicit "untrusted" on a subfolder wins over a trusted root.
    /// </summary>
    public static bool IsTrusted(string layerDirectory, string projectRoot, TomlTableNode config)
    {
        if (config["projects"] is not TomlTableNode projects)
        {
            return false;
        }

        foreach (string candidate in new[] { layerDirectory, projectRoot, FindGitRoot(layerDirectory) }.OfType<string>())
        {
            if (TrustLevel(projects, candidate) is { } level)
            {
                return string.Equals(level, "trusted", StringComparison.Ordinal);
            }
        }

        return false;
    }

    private static string? TrustLevel(TomlTableNode projects, string directory)
    {
        foreach (string spelling in Spellings(directory))
        {
            if (projects[spelling] is TomlTableNode entry && entry.String("trust_level") is { } level)
            {
                return level;
            }
        }

        return null;
    }

    // Codex keys trust by the canonical path (symlinks resolved) and also tries the path as given.
    private static IEnumerable<string> Spellings(string directory)
    {
        string plain = Path.TrimEndingDirectorySeparator(directory);
        string canonical = plain;
        try
        {
            canonical = new DirectoryInfo(plain).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? plain;
        }
        catch (IOException)
        {
        }

        yield return canonical;
        if (!string.Equals(canonical, plain, StringComparison.Ordinal))
        {
            yield return plain;
        }
    }

    /// <summary>The nearest folder at or above <paramref name="directory"/> with a .git entry.</summary>
    public static string? FindGitRoot(string directory)
    {
        for (DirectoryInfo? dir = new(directory); dir is not null; dir = dir.Parent)
        {
            if (IsGitEntry(Path.Combine(dir.FullName, ".git")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static bool HasMarker(string directory, string marker)
    {
        string candidate = Path.Combine(directory, marker);
        return marker == ".git" ? IsGitEntry(candidate) : File.Exists(candidate) || Directory.Exists(candidate);
    }

    /// <summary>
    /// Codex takes .git for a repository only when it is a file (a worktree or submodule pointer) or a folder with a
    /// HEAD in it; an empty .git folder is passed over and the search goes on upwards.
    /// </summary>
    private static bool IsGitEntry(string path) =>
        File.Exists(path) || File.Exists(Path.Combine(path, "HEAD"));

    private static bool PathEquals(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b),
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
