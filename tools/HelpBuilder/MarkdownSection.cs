using Markdig.Syntax;

namespace Codex.Plugins.HelpBuilder;

/// <summary>A heading and the top-level blocks under it, up to the next heading of the same level.</summary>
internal sealed record MarkdownSection(string Title, int Line, IReadOnlyList<Block> Blocks);
