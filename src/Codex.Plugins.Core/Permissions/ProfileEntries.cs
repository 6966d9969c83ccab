namespace Codex.Plugins.Permissions;

/// <summary>The entries of a profile and its extends chain, in Codex's order, with its network settings.</summary>
internal sealed class ProfileEntries
{
    public Dictionary<(string Key, string Sub), RawEntry> Entries { get; } = new();

    public List<(string Key, string Sub)> Order { get; } = new();

    public bool NetworkEnabled { get; set; }

    public (string? File, int? Line, string Rule) NetworkEnabledSource { get; set; } = (null, null, "network.enabled is not set (default false)");

    public Dictionary<string, (string Access, string DefinedBy, string? File, int? Line, int? Column)> Domains { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (string Access, string DefinedBy, string? File, int? Line)> Sockets { get; } = new(StringComparer.Ordinal);

    /// <summary>Sets an entry; with extends, the child's key replaces the parent's (a child's ":slash_tmp" = "read" turns off :workspace's write).</summary>
    public void Put((string Key, string Sub) key, RawEntry entry)
    {
        if (!Entries.ContainsKey(key))
        {
            Order.Add(key);
        }

        Entries[key] = entry;
    }

    /// <summary>Appends an entry as legacy sandbox_mode lists it: a path written twice is bound twice, the last entry deciding its access.</summary>
    public void Append(string key, RawEntry entry)
    {
        Entries[(key, string.Empty)] = entry;
        Order.Add((key, string.Empty));
    }
}
