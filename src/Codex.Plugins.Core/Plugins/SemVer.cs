namespace Codex.Plugins.Plugins;

/// <summary>Semantic versions (2.0.0), with prerelease ordering; build metadata is ignored.</summary>
public readonly record struct SemVer(long Major, long Minor, long Patch, string Prerelease) : IComparable<SemVer>
{
    public static bool TryParse(string text, out SemVer version)
    {
        version = default;
        string core = text;
        int plus = core.IndexOf('+');
        if (plus >= 0)
        {
            core = core[..plus];
        }

        string pre = string.Empty;
        int dash = core.IndexOf('-');
        if (dash >= 0)
        {
            pre = core[(dash + 1)..];
            core = core[..dash];
            if (pre.Length == 0)
            {
                return false;
            }
        }

        string[] parts = core.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit) || (p.Length > 1 && p[0] == '0')))
        {
            return false;
        }

        if (!long.TryParse(parts[0], out long major) || !long.TryParse(parts[1], out long minor) || !long.TryParse(parts[2], out long patch))
        {
            return false;
        }

        version = new SemVer(major, minor, patch, pre);
        return true;
    }

    public int CompareTo(SemVer other)
    {
        int c = Major.CompareTo(other.Major);
        if (c == 0) c = Minor.CompareTo(other.Minor);
        if (c == 0) c = Patch.CompareTo(other.Patch);
        if (c != 0) return c;
        // A release sorts after its prereleases: 2.0.0 > 2.0.0-beta.
        if (Prerelease.Length == 0 || other.Prerelease.Length == 0)
        {
            return (Prerelease.Length == 0 ? 1 : 0) - (other.Prerelease.Length == 0 ? 1 : 0);
        }

        string[] a = Prerelease.Split('.');
        string[] b = other.Prerelease.Split('.');
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            bool an = long.TryParse(a[i], out long ai);
            bool bn = long.TryParse(b[i], out long bi);
            c = an && bn ? ai.CompareTo(bi) : an ? -1 : bn ? 1 : string.CompareOrdinal(a[i], b[i]);
            if (c != 0) return c;
        }

        return a.Length.CompareTo(b.Length);
    }
}
