namespace Codex.Plugins.Commands;

/// <summary>Every plugin id the marketplaces offer, installed or not (what Install-CodexPlugin can take).</summary>
public sealed class AvailablePluginIdCompleter : CodexNameCompleter
{
    protected override string Kind => "AvailablePluginId";
}
