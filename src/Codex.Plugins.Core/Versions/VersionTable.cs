namespace Codex.Plugins.Versions;

/// <summary>
/// What one behaviour of Codex is, release by release: each entry holds from its version until the next entry's. A
/// concept keeps one such table (hook events, the model catalog) instead of version checks spread through its code.
/// </summary>
public sealed class VersionTable<T>
{
    private readonly (Version Since, T Value)[] entries;

    public VersionTable(params (string Since, T Value)[] entries)
    {
        if (entries.Length == 0)
        {
            throw new ArgumentException("A version table needs at least one entry.", nameof(entries));
        }

        this.entries = entries.Select(e => (CodexReleases.Parse(e.Since)!, e.Value)).OrderBy(e => e.Item1).ToArray();
    }

    /// <summary>The behaviour of a version: the newest entry not after it (the oldest entry for older versions).</summary>
    public T For(Version version)
    {
        T value = entries[0].Value;
        foreach ((Version since, T entry) in entries)
        {
            if (since <= version)
            {
                value = entry;
            }
        }

        return value;
    }

    /// <summary>The release a version behaves as in this table (the entry's version).</summary>
    public Version EntryFor(Version version)
    {
        Version found = entries[0].Since;
        foreach ((Version since, _) in entries)
        {
            if (since <= version)
            {
                found = since;
            }
        }

        return found;
    }
}
