namespace Codex.Plugins.Commands;

public sealed class SkillNameCompleter : CodexNameCompleter
{
    protected override string Kind => "Skill";
}
