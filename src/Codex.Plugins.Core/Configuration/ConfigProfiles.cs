namespace Codex.Plugins.Configuration;

/// <summary>The config profiles of a Codex home: each NAME.config.toml beside config.toml is what codex --profile NAME layers.</summary>
public static class ConfigProfiles
{
    private const string Suffix = ".config.toml";

    /// <summary>Profile names, in ordinal order; none when the home does not exist or cannot be listed.</summary>
    public static IReadOnlyList<string> Names(CodexEnvironment environment)
    {
        try
        {
            return Directory.EnumerateFiles(environment.CodexHome, "*" + Suffix)
                .Select(f => Path.GetFileName(f)[..^Suffix.Length])
                .Where(n => n.Length > 0)
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
    }

    /// <summary>The profile a file belongs to, when it is a NAME.config.toml of this home.</summary>
    public static string? ProfileOf(CodexEnvironment environment, string path) =>
        string.Equals(Path.GetDirectoryName(Path.GetFullPath(path)), environment.CodexHome, StringComparison.Ordinal)
        && Path.GetFileName(path) is { } name && name.EndsWith(Suffix, StringComparison.Ordinal) && name.Length > Suffix.Length
            ? name[..^Suffix.Length]
            : null;
}
