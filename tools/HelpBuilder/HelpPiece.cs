namespace Codex.Plugins.HelpBuilder;

/// <summary>What a help paragraph or an about-topic line is made from: one heading, code block, paragraph (a list
/// item's carries its marker) or pipe table, with the 0-based source line it starts on.</summary>
internal sealed record HelpPiece(HelpPieceKind Kind, string Text, int Line)
{
    public string? Marker { get; init; }

    public string Lang { get; init; } = "";

    /// <summary>A heading's level (1 for #).</summary>
    public int Level { get; init; }

    /// <summary>A table's rows as help shows them (cells as plain text) and as they are written in the page.</summary>
    public IReadOnlyList<(string Plain, string Source)> Rows { get; init; } = [];
}
