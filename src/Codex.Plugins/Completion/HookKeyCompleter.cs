namespace Codex.Plugins.Commands;

public sealed class HookKeyCompleter : CodexNameCompleter
{
    protected override string Kind => "HookKey";
}
