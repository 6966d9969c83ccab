namespace Codex.Plugins.HelpBuilder;

internal enum HelpPieceKind
{
    Heading,
    Code,
    Text,
    Table,
}
