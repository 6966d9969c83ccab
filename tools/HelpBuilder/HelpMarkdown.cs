using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Codex.Plugins.HelpBuilder;

/// <summary>A help page as Markdig reads it (YAML front matter and pipe tables, as PlatyPS parses pages), and the walk
/// from its blocks to the plain text Get-Help prints: the console cannot show markdown, so links become
/// "text (url)" while code spans and emphasis keep their marks, which read well as they are.</summary>
internal sealed partial class HelpMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UsePreciseSourceLocation()
        .Build();

    private HelpMarkdown(string source, MarkdownDocument document)
    {
        Source = source;
        Document = document;
        Lines = source.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
    }

    public string Source { get; }

    public MarkdownDocument Document { get; }

    /// <summary>The page's lines, 0-based like Markdig's block lines.</summary>
    public string[] Lines { get; }

    public static HelpMarkdown Read(string path) => Parse(File.ReadAllText(path));

    public static HelpMarkdown Parse(string source) => new(source, Markdown.Parse(source, Pipeline));

    /// <summary>Groups blocks under the headings of one level; what comes before the first one is the preamble.</summary>
    public (List<Block> Preamble, List<MarkdownSection> Sections) Split(IEnumerable<Block> blocks, int level)
    {
        var preamble = new List<Block>();
        var sections = new List<MarkdownSection>();
        List<Block>? current = null;
        foreach (var block in blocks)
        {
            if (block is HeadingBlock heading && heading.Level == level)
            {
                current = [];
                sections.Add(new MarkdownSection(PlainText(heading.Inline).Trim(), heading.Line + 1, current));
            }
            else
            {
                (current ?? preamble).Add(block);
            }
        }
        return (preamble, sections);
    }

    /// <summary>The blocks as a flat list of pieces, lists and quotes opened up.</summary>
    public IEnumerable<HelpPiece> Pieces(IEnumerable<Block> blocks)
    {
        foreach (var block in blocks)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    yield return new HelpPiece(HelpPieceKind.Heading, PlainText(heading.Inline).Trim(), heading.Line) { Level = heading.Level };
                    break;
                case FencedCodeBlock fenced:
                    yield return new HelpPiece(HelpPieceKind.Code, fenced.Lines.ToString(), fenced.Line) { Lang = (fenced.Info ?? "").ToLowerInvariant() };
                    break;
                case CodeBlock indented:
                    yield return new HelpPiece(HelpPieceKind.Code, indented.Lines.ToString(), indented.Line);
                    break;
                case ParagraphBlock paragraph:
                    yield return new HelpPiece(HelpPieceKind.Text, PlainText(paragraph.Inline).Trim(), paragraph.Line);
                    break;
                case Table table:
                    yield return new HelpPiece(HelpPieceKind.Table, "", table.Line) { Rows = table.OfType<TableRow>().Select(TableRowText).ToList() };
                    break;
                case ListBlock list:
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        var marker = list.IsOrdered ? item.Order.ToString(CultureInfo.InvariantCulture) + list.OrderedDelimiter : list.BulletType.ToString();
                        var first = true;
                        foreach (var piece in Pieces(item))
                        {
                            yield return first && piece.Kind == HelpPieceKind.Text ? piece with { Marker = marker } : piece;
                            first = false;
                        }
                    }
                    break;
                case ContainerBlock container:
                    foreach (var piece in Pieces(container)) { yield return piece; }
                    break;
                case LeafBlock leaf when leaf is not LinkReferenceDefinition:
                    // HTML and thematic breaks: the console shows them as written.
                    var text = string.Join(" ", Lines.Skip(leaf.Line).Take(Math.Max(1, leaf.Lines.Count)).Select(line => line.Trim()));
                    yield return new HelpPiece(HelpPieceKind.Text, text, leaf.Line);
                    break;
            }
        }
    }

    /// <summary>Help paragraphs: one a paragraph or list item, one a table (its rows on their own lines), one a code
    /// block indented four spaces (Get-Help prints a paragraph's line breaks as they are).</summary>
    public List<string> Paragraphs(IEnumerable<Block> blocks) => Pieces(blocks).Select(piece => piece.Kind switch
    {
        HelpPieceKind.Code => string.Join("\n", piece.Text.Split('\n').Select(line => "    " + line)),
        HelpPieceKind.Table => string.Join("\n", piece.Rows.Select(row => row.Plain)),
        _ => piece.Marker is null ? piece.Text : piece.Marker + " " + piece.Text,
    }).ToList();

    /// <summary>True when the line before this 0-based line is blank (or there is none): markdown's paragraph break.</summary>
    public bool FollowsBlankLine(int line) => line == 0 || string.IsNullOrWhiteSpace(Lines[line - 1]);

    public string PlainText(ContainerInline? container) => PlainText(container ?? Enumerable.Empty<Inline>());

    /// <summary>The inlines of a paragraph one source line at a time (RELATED LINKS holds one link a line).</summary>
    public static IEnumerable<List<Inline>> InlineLines(ContainerInline? container)
    {
        var line = new List<Inline>();
        foreach (var inline in container ?? Enumerable.Empty<Inline>())
        {
            if (inline is LineBreakInline) { yield return line; line = []; }
            else { line.Add(inline); }
        }
        yield return line;
    }

    public string PlainText(IEnumerable<Inline> inlines)
    {
        var text = new StringBuilder();
        foreach (var inline in inlines) { Append(text, inline); }
        return text.ToString();
    }

    public static bool IsWebAddress(string? url) =>
        url is not null && (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    private void Append(StringBuilder text, Inline inline)
    {
        switch (inline)
        {
            case LiteralInline literal:
                text.Append(literal.Content.ToString());
                break;
            case LineBreakInline:
                text.Append(' ');
                break;
            case LinkInline { IsImage: false } link:
                foreach (var child in link) { Append(text, child); }
                if (IsWebAddress(link.Url)) { text.Append(" (").Append(link.Url).Append(')'); }
                break;
            case EmphasisInline emphasis:
                var marks = new string(emphasis.DelimiterChar, emphasis.DelimiterCount);
                text.Append(marks);
                foreach (var child in emphasis) { Append(text, child); }
                text.Append(marks);
                break;
            case ContainerInline container when container.GetType() == typeof(ContainerInline):
                foreach (var child in container) { Append(text, child); }
                break;
            default:
                // Code spans, autolinks, HTML and entities read best in the console as they are written, on one line.
                text.Append(LineBreak().Replace(Source.Substring(inline.Span.Start, inline.Span.Length), " "));
                break;
        }
    }

    private (string Plain, string Source) TableRowText(TableRow row)
    {
        var cells = row.OfType<TableCell>().Select(cell => string.Join(" ", Pieces(cell).Select(piece => piece.Text)).Trim());
        return ("| " + string.Join(" | ", cells) + " |", Lines[row.Line].Trim());
    }

    [GeneratedRegex(@"[ \t]*\r?\n[ \t]*")]
    private static partial Regex LineBreak();
}
