using Codex.Plugins.Configuration.Editing;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>
/// What Uninstall-CodexPlugin will do for one plugin: remove its [plugins."p@m"] table (when the configuration has
/// one) and, once that is written, delete its cache folder.
/// </summary>
public sealed record PluginRemovalPlan(PluginKey Key, string CacheDirectory, bool Configured)
{
    public IReadOnlyList<ConfigEditOperation> Steps => new[] { new ConfigEditOperation(ConfigEditKind.Remove, new[] { "plugins", Key.ToString() }, null) };

    /// <summary>The uninstall in words, for -WhatIf and the confirmation.</summary>
    public string Describe() => $"Uninstall plugin '{Key}': delete {CacheDirectory}; remove [plugins.\"{Key}\"]";
}
