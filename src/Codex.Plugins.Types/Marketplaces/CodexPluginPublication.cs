namespace Codex.Plugins;

/// <summary>A plugin's entry in a marketplace after Publish-CodexPlugin (or what it would be, under -WhatIf).</summary>
public sealed class CodexPluginPublication
{
    public string PluginId { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public string Marketplace { get; init; } = string.Empty;

    /// <summary>Added, Updated or Unchanged (the same version with the same files was already published).</summary>
    public string Action { get; init; } = string.Empty;

    public string Version { get; init; } = string.Empty;

    /// <summary>The version the marketplace offered before, or null.</summary>
    public string? PreviousVersion { get; init; }

    /// <summary>The entry's source path, relative to the marketplace root (./plugins/NAME).</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>The folder the marketplace serves the plugin from.</summary>
    public string PluginPath { get; init; } = string.Empty;

    public string InstallPolicy { get; init; } = "AVAILABLE";

    public string AuthPolicy { get; init; } = "ON_INSTALL";

    public string[]? Products { get; init; }

    public string? Category { get; init; }

    /// <summary>The marketplace.json changed.</summary>
    public string ManifestPath { get; init; } = string.Empty;

    /// <summary>The unified diff of marketplace.json.</summary>
    public string Diff { get; init; } = string.Empty;

    /// <summary>sha256 over the plugin's files as codex would copy them.</summary>
    public string ContentHash { get; init; } = string.Empty;

    public override string ToString() => PluginId;
}
