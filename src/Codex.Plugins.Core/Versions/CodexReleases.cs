using System.Globalization;

namespace Codex.Plugins.Versions;

/// <summary>
/// The Codex releases the module was checked against (its compat suite runs against each, pinned in package.json),
/// and how a version string is read.
/// </summary>
public static class CodexReleases
{
    /// <summary>Every release the compat suite ran against, oldest first.</summary>
    public static IReadOnlyList<Version> Checked { get; } = new[] { new Version(0, 169, 0), new Version(0, 171, 0) };

    /// <summary>The newest checked release: what the module assumes when it cannot tell which Codex a machine runs.</summary>
    public static Version Newest => Checked[^1];

    public static bool IsChecked(Version version) => Checked.Contains(Normalize(version));

    /// <summary>
    /// A version from what Codex prints or records: "0.171.0", "codex-cli 0.171.0", "0.171.0-alpha.2", "v0.169.0";
    /// null when there is none.
    /// </summary>
    public static Version? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        string s = text.Trim();
        int space = s.LastIndexOf(' ');
        if (space >= 0)
        {
            s = s[(space + 1)..];
        }

        s = s.TrimStart('v', 'V');
        int suffix = s.IndexOfAny(new[] { '-', '+' });
        if (suffix >= 0)
        {
            s = s[..suffix];
        }

        string[] parts = s.Split('.');
        if (parts.Length is < 2 or > 3)
        {
            return null;
        }

        var numbers = new int[3];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return null;
            }
        }

        return new Version(numbers[0], numbers[1], numbers[2]);
    }

    /// <summary>Major.minor.patch, whatever was given.</summary>
    public static Version Normalize(Version version) => new(version.Major, version.Minor, Math.Max(0, version.Build));
}
