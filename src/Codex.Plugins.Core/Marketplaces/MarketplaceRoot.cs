using Codex.Plugins.Configuration;

namespace Codex.Plugins.Marketplaces;

/// <summary>A marketplace root to read, before its manifest is parsed.</summary>
public sealed record MarketplaceRoot(string Kind, string Root, string? ConfiguredName, string? SourceType, string? Source, TomlNode? ConfigNode);
