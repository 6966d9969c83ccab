namespace Codex.Plugins.Commands;

public sealed class AgentNameCompleter : CodexNameCompleter
{
    protected override string Kind => "Agent";
}
