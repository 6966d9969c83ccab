using System.Text;
using Codex.Plugins.Diagnostics;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Codex.Plugins.Configuration.Editing;

// Inserting keys and tables where the file's own layout puts them.
internal sealed partial class TomlTextEditor
{
    private void InsertRootKey(string line)
    {
        if (index.RootKvs.Count > 0)
        {
            InsertLineAfter(index.RootKvs[^1].Kv, line);
        }
        else if (index.Headers.Count > 0)
        {
            InsertBlock(CommentBlockStart(index.Headers.MinBy(h => h.Table.Span.Start.Offset)!.Table), new[] { line }, blankBefore: false, blankAfter: true);
        }
        else
        {
            InsertBlock(text.Length, new[] { line }, blankBefore: false, blankAfter: false);
        }
    }

    private void InsertInSection(TomlHeaderEntry header, string line)
    {
        IReadOnlyList<TomlKeyEntry> kvs = index.SectionKvs(header.Table);
        if (kvs.Count > 0)
        {
            InsertLineAfter(kvs[^1].Kv, line);
        }
        else
        {
            InsertBlock(SpanEnd(header.Table), new[] { IndentAt(header.Table.Span.Start.Offset) + line }, blankBefore: false, blankAfter: false);
        }
    }

    private void InsertLineAfter(KeyValueSyntax kv, string line) =>
        InsertBlock(SpanEnd(kv), new[] { IndentAt(kv.Span.Start.Offset) + line }, blankBefore: false, blankAfter: false);

    /// <summary>
    /// A key path and value as an item of an inline table, in the style of the items already there: nested inline
    /// tables beside nested inline tables, dotted keys beside dotted keys, so one line never mixes the two.
    /// </summary>
    private static string InlineItem(InlineTableSyntax inline, string[] keys, string value)
    {
        bool nested = keys.Length > 1 && inline.Items is { ChildrenCount: > 0 } items
            && Enumerable.Range(0, items.ChildrenCount).Select(i => items.GetChild(i)!.KeyValue).Any(kv => kv?.Value is InlineTableSyntax)
            && !Enumerable.Range(0, items.ChildrenCount).Select(i => items.GetChild(i)!.KeyValue).Any(kv => kv?.Key?.DotKeys is { ChildrenCount: > 0 });
        if (!nested)
        {
            return TomlEditValue.JoinKey(keys) + " = " + value;
        }

        string item = value;
        for (int i = keys.Length - 1; i > 0; i--)
        {
            item = "{ " + TomlEditValue.QuoteKey(keys[i]) + " = " + item + " }";
        }

        return TomlEditValue.QuoteKey(keys[0]) + " = " + item;
    }

    private void InsertIntoInline(InlineTableSyntax inline, string item)
    {
        int count = inline.Items?.ChildrenCount ?? 0;
        if (count == 0)
        {
            Replace(inline.Span.Start.Offset, inline.Span.End.Offset + 1, "{ " + item + " }");
            return;
        }

        InlineTableItemSyntax last = inline.Items!.GetChild(count - 1)!;
        if (last.Comma is { } comma)
        {
            // A trailing comma (TOML 1.1) stays where it is; the new item goes after it, and gets none of its own.
            Replace(comma.Span.End.Offset + 1, comma.Span.End.Offset + 1, " " + item);
        }
        else
        {
            int end = last.KeyValue!.Value!.Span.End.Offset + 1;
            Replace(end, end, ", " + item);
        }
    }

    /// <summary>Inserts whole lines at a line boundary (or at the end of a last line without a newline).</summary>
    private void InsertBlock(int offset, IReadOnlyList<string> lines, bool blankBefore, bool blankAfter)
    {
        var sb = new StringBuilder();
        bool afterNewLine = offset == 0 || text[offset - 1] == '\n';
        bool atEnd = offset == text.Length;
        if (!afterNewLine)
        {
            sb.Append(NewLine);
        }

        if (blankBefore && offset > 0 && !EndsWithBlankLine(offset))
        {
            sb.Append(NewLine);
        }

        sb.Append(string.Join(NewLine, lines));
        // A file without a newline at its end keeps that: the new last line gets none either.
        if (!(atEnd && !afterNewLine))
        {
            sb.Append(NewLine);
        }

        if (blankAfter && !atEnd)
        {
            sb.Append(NewLine);
        }

        Replace(offset, offset, sb.ToString());
    }

    private bool EndsWithBlankLine(int offset)
    {
        int i = offset - 1;
        if (i >= 0 && text[i] == '\n')
        {
            i--;
        }

        if (i >= 0 && text[i] == '\r')
        {
            i--;
        }

        while (i >= 0 && text[i] is ' ' or '\t')
        {
            i--;
        }

        return i < 0 || text[i] == '\n';
    }
}
