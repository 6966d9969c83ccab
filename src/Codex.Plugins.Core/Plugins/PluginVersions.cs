namespace Codex.Plugins.Plugins;

/// <summary>Which cached version of a plugin Codex loads.</summary>
public static class PluginVersions
{
    public const string LocalVersion = "local";

    /// <summary>
    /// A folder named "local" wins; otherwise the highest version, compared as semver where both names are semver and
    /// as ordinal text where either is not (the binary picks "zzz" over "1.10.0").
    /// </summary>
    public static string? Active(IEnumerable<string> versionFolders)
    {
        var names = versionFolders.OrderBy(n => n, StringComparer.Ordinal).ToList();
        if (names.Contains(LocalVersion))
        {
            return LocalVersion;
        }

        string? best = null;
        foreach (string name in names)
        {
            if (best is null || Compare(name, best) > 0)
            {
                best = name;
            }
        }

        return best;
    }

    public static int Compare(string a, string b)
    {
        if (SemVer.TryParse(a, out var x) && SemVer.TryParse(b, out var y))
        {
            return x.CompareTo(y);
        }

        return string.CompareOrdinal(a, b);
    }

    /// <summary>Characters Codex allows in a version used as a cache folder name.</summary>
    public static bool IsValidFolderName(string version) =>
        version.Length > 0 && version is not "." and not ".." &&
        version.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '.' or '_' or '+' or '-');
}
