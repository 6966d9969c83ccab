namespace Codex.Plugins.Commands;

public sealed class PluginNameCompleter : CodexNameCompleter
{
    protected override string Kind => "Plugin";
}
