using Codex.Plugins.Configuration;

namespace Codex.Plugins.Plugins;

/// <summary>A plugin named in the configuration's [plugins] table, located in the cache as Codex locates it.</summary>
public sealed class InstalledPlugin
{
    internal InstalledPlugin(PluginKey key, bool enabled, TomlTableNode configEntry, string cacheDirectory, string? activeVersion, string? root)
    {
        Key = key;
        Enabled = enabled;
        ConfigEntry = configEntry;
        CacheDirectory = cacheDirectory;
        ActiveVersion = activeVersion;
        Root = root;
    }

    public PluginKey Key { get; }

    /// <summary>[plugins."p@m"] enabled; true when the table has no enabled key.</summary>
    public bool Enabled { get; }

    public TomlTableNode ConfigEntry { get; }

    /// <summary>$CODEX_HOME/plugins/cache/&lt;marketplace&gt;/&lt;plugin&gt;.</summary>
    public string CacheDirectory { get; }

    public string? ActiveVersion { get; }

    /// <summary>The active version's folder, or null when nothing is installed.</summary>
    public string? Root { get; }
}
