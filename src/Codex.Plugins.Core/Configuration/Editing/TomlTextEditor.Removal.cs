using System.Text;
using Codex.Plugins.Diagnostics;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Codex.Plugins.Configuration.Editing;

// Removing keys and tables: whole lines for line-level keys and headers, one item for inline tables.
internal sealed partial class TomlTextEditor
{
    /// <summary>Removes a key, or a whole table with its sub-tables. Returns false when there was nothing to remove.</summary>
    public bool Remove(IReadOnlyList<string> key)
    {
        string[] p = Check(key);
        string dotted = TomlEditValue.JoinKey(p);
        bool removed = false;
        while (NextRemoval(p, dotted) is { } range)
        {
            Replace(range.Start, range.End, range.Replacement);
            removed = true;
        }

        return removed;
    }

    private (int Start, int End, string Replacement)? NextRemoval(string[] p, string dotted)
    {
        RejectValueOnPathForRemoval(p, dotted);
        if (index.Kv(p) is { } exact)
        {
            return exact.Inline is null ? LineRange(exact.Kv) : InlineItemRange(exact);
        }

        if (index.Headers.Where(h => StartsWith(h.Path, p)).OrderByDescending(h => h.Table.Span.Start.Offset).FirstOrDefault() is { } header)
        {
            int start = LineStart(header.Table.Span.Start.Offset);
            return WithoutTrailingNewLineChange(start, SpanEnd(header.Table));
        }

        if (index.All.Where(k => k.Path.Length > p.Length && StartsWith(k.Path, p) && k.SectionPath.Length < p.Length).OrderByDescending(k => k.Kv.Span.Start.Offset).FirstOrDefault() is { } under)
        {
            // A table written with dotted keys (or dotted keys inside an inline table): remove each of its keys.
            return under.Inline is null ? LineRange(under.Kv) : InlineItemRange(under);
        }

        return null;
    }

    private void RejectValueOnPathForRemoval(string[] p, string dotted)
    {
        for (int i = 1; i < p.Length; i++)
        {
            if (index.ArrayHeader(p[..i]) is { } array)
            {
                throw Unsupported(dotted, array.Table, $"`{TomlEditValue.JoinKey(p[..i])}` is an array of tables; ConfigEdit does not edit inside arrays of tables.");
            }
        }
    }

    private (int, int, string) LineRange(KeyValueSyntax kv)
    {
        int start = kv.Span.Start.Offset;
        int lineStart = LineStart(start);
        return WithoutTrailingNewLineChange(lineStart, SpanEnd(kv));
    }

    /// <summary>Deleting the last line of a file without a final newline also takes the newline before it.</summary>
    private (int, int, string) WithoutTrailingNewLineChange(int start, int end)
    {
        if (end == text.Length && end > 0 && text[end - 1] != '\n' && start > 0)
        {
            int s = start - 1;
            if (s > 0 && text[s] == '\n' && text[s - 1] == '\r')
            {
                s--;
            }

            return (s, end, string.Empty);
        }

        return (start, end, string.Empty);
    }

    private (int, int, string) InlineItemRange(TomlKeyEntry entry)
    {
        InlineTableSyntax inline = entry.Inline!;
        int count = inline.Items!.ChildrenCount;
        int i = 0;
        while (i < count && !ReferenceEquals(inline.Items.GetChild(i)!.KeyValue, entry.Kv))
        {
            i++;
        }

        InlineTableItemSyntax item = inline.Items.GetChild(i)!;
        if (count == 1)
        {
            return (inline.Span.Start.Offset, inline.Span.End.Offset + 1, "{}");
        }

        if (i == count - 1 && item.Comma is null)
        {
            InlineTableItemSyntax previous = inline.Items.GetChild(i - 1)!;
            return (previous.Comma!.Span.Start.Offset, item.KeyValue!.Value!.Span.End.Offset + 1, string.Empty);
        }

        int end = item.Comma!.Span.End.Offset + 1;
        while (end < text.Length && text[end] is ' ' or '\t')
        {
            end++;
        }

        return (item.Span.Start.Offset, end, string.Empty);
    }
}
