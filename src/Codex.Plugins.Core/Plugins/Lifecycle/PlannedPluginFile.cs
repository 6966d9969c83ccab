namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>One file a new plugin gets: its path inside the plugin, and its bytes or the file it is copied from.</summary>
public sealed record PlannedPluginFile(string RelativePath, byte[]? Content, string? CopiedFrom);
