using Codex.Plugins.Configuration;

namespace Codex.Plugins.Plugins;

/// <summary>A plugin.json as read, with where it is.</summary>
public sealed record PluginManifestFile(string Path, TomlTableNode Root);
