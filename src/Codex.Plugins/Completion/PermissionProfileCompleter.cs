namespace Codex.Plugins.Commands;

public sealed class PermissionProfileCompleter : CodexNameCompleter
{
    protected override string Kind => "PermissionProfile";
}
