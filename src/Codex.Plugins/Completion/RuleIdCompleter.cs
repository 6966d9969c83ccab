namespace Codex.Plugins.Commands;

public sealed class RuleIdCompleter : CodexNameCompleter
{
    protected override string Kind => "RuleId";
}
