namespace Codex.Plugins.Commands;

public sealed class PluginIdCompleter : CodexNameCompleter
{
    protected override string Kind => "PluginId";
}
