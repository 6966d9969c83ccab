namespace Codex.Plugins.Commands;

public sealed class ConfigKeyCompleter : CodexNameCompleter
{
    protected override string Kind => "ConfigKey";
}
