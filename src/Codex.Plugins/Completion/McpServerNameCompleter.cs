namespace Codex.Plugins.Commands;

public sealed class McpServerNameCompleter : CodexNameCompleter
{
    protected override string Kind => "McpServer";
}
