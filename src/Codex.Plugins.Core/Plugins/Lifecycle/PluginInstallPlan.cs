using Codex.Plugins.Configuration;
using Codex.Plugins.Configuration.Editing;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>
/// What Install-CodexPlugin will do for one plugin: copy which folder (or, for a git or npm source, the folder the
/// fetch gives) to which cache folder. A fetched source's version is known once it is fetched, at install time.
/// </summary>
public sealed record PluginInstallPlan(PluginKey Key, string? SourceRoot, IRemotePluginSource? Remote, string? Version, string CacheDirectory, IReadOnlyList<string> ReplacedVersions)
{
    /// <summary>The config key codex plugin add writes: plugins."p@m".enabled.</summary>
    public string[] EnabledKey => new[] { "plugins", Key.ToString(), "enabled" };

    /// <summary>The configuration change codex plugin add makes: plugins."p@m".enabled = true.</summary>
    public IReadOnlyList<ConfigEditOperation> Steps => new[] { new ConfigEditOperation(ConfigEditKind.Set, EnabledKey, TomlEditValue.Boolean(true)) };

    /// <summary>Whether <paramref name="stack"/> already enables the plugin: then an install changes its files only.</summary>
    public bool AlreadyEnabled(ConfigStack stack) => stack.Get($"plugins.{TomlKey.Quote(Key.ToString())}.enabled") is TomlValueNode { Value: true };

    public string? VersionDirectory => Version is null ? null : Path.Combine(CacheDirectory, Version);

    /// <summary>The install in words, for -WhatIf and the confirmation.</summary>
    public string Describe()
    {
        string replacing = ReplacedVersions.Count > 0 ? $" (replacing {string.Join(", ", ReplacedVersions)})" : string.Empty;
        string copy = Remote is null ? $"copy {SourceRoot} to {VersionDirectory}{replacing}" : Remote.Describe(CacheDirectory);
        return $"Install plugin '{Key}'{(Version is null ? string.Empty : $" {Version}")}: {copy}; plugins.\"{Key}\".enabled = true";
    }
}
