namespace Codex.Plugins.Configuration;

/// <summary>One replaced layer: the file to read instead (null: as if there were none).</summary>
public sealed record LayerReplacement(TomlFile? File);
