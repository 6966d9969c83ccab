namespace Codex.Plugins.Commands;

public sealed class ConfigProfileCompleter : CodexNameCompleter
{
    protected override string Kind => "ConfigProfile";
}
