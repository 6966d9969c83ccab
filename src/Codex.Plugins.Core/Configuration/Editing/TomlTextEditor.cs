using System.Text;
using Codex.Plugins.Diagnostics;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Codex.Plugins.Configuration.Editing;

/// <summary>
/// Edits TOML text in place. Tomlyn's lossless syntax tree says where every key, value, table and line is; an edit
/// replaces, inserts or deletes only the characters of the keys it changes and splices them into the original text.
/// Nothing else is re-rendered, so comments, order, quoting, whitespace and line endings stay byte for byte, even in
/// parts of the file a serializer would write differently. The tree is rebuilt after every change.
/// </summary>
internal sealed class TomlTextEditor
{
    private readonly string path;
    private string text;
    private DocumentSyntax? document;
    private Index? built;

    /// <param name="text">The document.</param>
    /// <param name="path">Its file, for messages.</param>
    /// <param name="parsed">Tomlyn's tree of exactly this text, when the caller has it (saves a parse).</param>
    public TomlTextEditor(string text, string path, DocumentSyntax? parsed = null)
    {
        this.path = path;
        this.text = text;
        NewLine = DetectNewLine(text);
        document = parsed ?? Parse();
    }

    public string Text => text;

    /// <summary>Tomlyn's tree of <see cref="Text"/>, parsed and validated.</summary>
    public DocumentSyntax Document => document!;

    // Built when a step needs it, not after every change: the last step's tree is only validated, never searched.
    private Index index => built ??= new Index(document!);

    /// <summary>The file's own line ending: CRLF when its first line ends so, else LF.</summary>
    public string NewLine { get; }

    /// <summary>Sets a key to a value: replaces the value if the key exists, else adds it in the file's own style.</summary>
    /// <returns>False when the key already had that value (the text is untouched).</returns>
    public bool Set(IReadOnlyList<string> key, TomlEditValue value)
    {
        string[] p = Check(key);
        string dotted = TomlEditValue.JoinKey(p);
        RejectValueOnPath(p, dotted);

        if (index.Kv(p) is { } existing)
        {
            if (existing.Kv.Value is InlineTableSyntax or null)
            {
                throw Unsupported(dotted, existing.Kv, $"`{dotted}` is a table here; it cannot be replaced by a value.");
            }

            if (value.SameAs(Plain(existing.Kv.Value)))
            {
                return false;
            }

            Replace(existing.Kv.Value.Span.Start.Offset, existing.Kv.Value.Span.End.Offset + 1, value.ToToml());
            return true;
        }

        if ((index.Header(p) ?? index.HeadersUnder(p).FirstOrDefault()) is { } header)
        {
            throw Unsupported(dotted, header.Table, $"`{dotted}` is a table here; it cannot be replaced by a value.");
        }

        if (index.DottedOwner(p) is { } dottedTable)
        {
            throw Unsupported(dotted, dottedTable.Kv, $"`{dotted}` is a table here; it cannot be replaced by a value.");
        }

        string[] r = p[..^1];
        string v = value.ToToml();
        if (r.Length == 0)
        {
            InsertRootKey(TomlEditValue.QuoteKey(p[0]) + " = " + v);
        }
        else if (index.Header(r) is { } parent)
        {
            InsertInSection(parent, TomlEditValue.QuoteKey(p[^1]) + " = " + v);
        }
        else if (index.Kv(r) is { Kv.Value: InlineTableSyntax inline })
        {
            InsertIntoInline(inline, TomlEditValue.QuoteKey(p[^1]) + " = " + v);
        }
        else if (index.DottedOwner(r) is { } owner)
        {
            InsertLineAfter(owner.Kv, TomlEditValue.JoinKey(p[owner.SectionPath.Length..]) + " = " + v);
        }
        else if (index.HeadersUnder(r).FirstOrDefault() is { } firstChild)
        {
            // [r.x] exists but [r] does not: define [r] just above its first sub-table, as people write parents.
            InsertBlock(CommentBlockStart(firstChild.Table), new[] { "[" + TomlEditValue.JoinKey(r) + "]", TomlEditValue.QuoteKey(p[^1]) + " = " + v }, blankBefore: false, blankAfter: true);
        }
        else
        {
            CreateUnder(p, r, v);
        }

        return true;
    }

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

    /// <summary>
    /// Every change re-parses the whole text with Tomlyn's validation and throws ConfigEditInvalid when it would not
    /// parse, so the text is always one that parsed; this also refuses a stray BOM, which Codex rejects.
    /// </summary>
    public void EnsureParsed()
    {
        int bom = text.IndexOf('\uFEFF');
        if (bom >= 0)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigEditInvalid, IssueKind.InvalidData,
                "The edited text would hold a byte order mark (U+FEFF) after its start, which Codex refuses; nothing was written.", path, Target: path));
        }
    }

    private static string[] Check(IReadOnlyList<string> key)
    {
        if (key.Count == 0)
        {
            throw new ArgumentException("A key needs at least one segment.", nameof(key));
        }

        return key.ToArray();
    }

    /// <summary>A key below an array of tables is ambiguous, and a key below a plain value cannot exist.</summary>
    private void RejectValueOnPath(string[] p, string dotted)
    {
        for (int i = 1; i <= p.Length; i++)
        {
            string[] prefix = p[..i];
            if (index.ArrayHeader(prefix) is { } array)
            {
                throw Unsupported(dotted, array.Table, $"`{TomlEditValue.JoinKey(prefix)}` is an array of tables; ConfigEdit does not edit inside arrays of tables.");
            }

            if (i < p.Length && index.Kv(prefix) is { } kv && kv.Kv.Value is not InlineTableSyntax)
            {
                throw Unsupported(dotted, kv.Kv, $"`{TomlEditValue.JoinKey(prefix)}` is a value, not a table, so `{dotted}` cannot be set.");
            }
        }
    }

    /// <summary>Creates the missing tables of p in the style of the nearest existing ancestor's neighbours.</summary>
    private void CreateUnder(string[] p, string[] r, string v)
    {
        int a = r.Length - 1;
        while (a > 0 && !index.Exists(p[..a]))
        {
            a--;
        }

        string[] ancestor = p[..a];
        if (a > 0 && index.Kv(ancestor) is { Kv.Value: InlineTableSyntax inline })
        {
            InsertIntoInline(inline, InlineItem(inline, p[a..], v));
            return;
        }

        if (a > 0 && index.DottedOwner(ancestor) is { } owner)
        {
            InsertLineAfter(owner.Kv, TomlEditValue.JoinKey(p[owner.SectionPath.Length..]) + " = " + v);
            return;
        }

        string headerLine = "[" + TomlEditValue.JoinKey(r) + "]";
        string leafLine = TomlEditValue.QuoteKey(p[^1]) + " = " + v;
        HeaderEntry? section = a > 0 ? index.Header(ancestor) : null;
        List<HeaderEntry> related = index.Headers.Where(h => StartsWith(h.Path, ancestor)).ToList();
        bool subTables = related.Any(h => h.Path.Length > ancestor.Length);
        IReadOnlyList<KvEntry> sectionKvs = a == 0 ? index.RootKvs : section is null ? Array.Empty<KvEntry>() : index.SectionKvs(section.Table);
        bool sectionHoldsOnlyKvs = a == 0 ? index.Headers.Count == 0 : !subTables;

        if (!subTables && sectionHoldsOnlyKvs && sectionKvs.Count > 0)
        {
            // No sub-tables as headers: follow how the section writes its other tables, dotted keys or inline tables.
            if (sectionKvs.Any(k => k.KeyLength >= 2))
            {
                InsertLineAfter(sectionKvs[^1].Kv, TomlEditValue.JoinKey(p[ancestor.Length..]) + " = " + v);
                return;
            }

            if (sectionKvs.Any(k => k.Kv.Value is InlineTableSyntax))
            {
                string nested = v;
                for (int i = p.Length - 1; i > ancestor.Length; i--)
                {
                    nested = "{ " + TomlEditValue.QuoteKey(p[i]) + " = " + nested + " }";
                }

                InsertLineAfter(sectionKvs[^1].Kv, TomlEditValue.QuoteKey(p[ancestor.Length]) + " = " + nested);
                return;
            }
        }

        // Standard table: after the last table of the ancestor's family, so related tables stay together.
        int at = related.Count > 0 ? related.Max(h => SpanEnd(h.Table)) : text.Length;
        InsertBlock(at, new[] { headerLine, leafLine }, blankBefore: BlankLineBetweenTables(), blankAfter: false);
    }

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

    private void InsertInSection(HeaderEntry header, string line)
    {
        IReadOnlyList<KvEntry> kvs = index.SectionKvs(header.Table);
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

    private (int, int, string) InlineItemRange(KvEntry entry)
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

    private int LineStart(int offset)
    {
        int i = offset;
        while (i > 0 && text[i - 1] is ' ' or '\t')
        {
            i--;
        }

        return i == 0 || text[i - 1] == '\n' ? i : offset;
    }

    private string IndentAt(int offset)
    {
        int start = LineStart(offset);
        return start < offset ? text[start..offset] : string.Empty;
    }

    /// <summary>The first of the comment lines directly above a header (no blank line between): they belong to it.</summary>
    private int CommentBlockStart(SyntaxNode header)
    {
        int start = LineStart(header.Span.Start.Offset);
        while (start > 0)
        {
            int prevEnd = start - 1; // the '\n' ending the previous line
            int prevStart = prevEnd;
            while (prevStart > 0 && text[prevStart - 1] != '\n')
            {
                prevStart--;
            }

            string line = text[prevStart..prevEnd].TrimEnd('\r').TrimStart(' ', '\t');
            if (!line.StartsWith('#'))
            {
                break;
            }

            start = prevStart;
        }

        return start;
    }

    /// <summary>
    /// Whether the file separates its tables with a blank line (most do; some are written tight). Tomlyn hands the
    /// blank lines before a header to the previous token as trivia, so they are counted in the text.
    /// </summary>
    private bool BlankLineBetweenTables()
    {
        int blank = 0, tight = 0;
        foreach (HeaderEntry h in index.Headers.Skip(1))
        {
            int start = CommentBlockStart(h.Table);
            if (EndsWithBlankLine(start))
            {
                blank++;
            }
            else
            {
                tight++;
            }
        }

        return blank >= tight;
    }

    private int SpanEnd(SyntaxNode node) => Math.Min(text.Length, node.Span.End.Offset + 1);

    private void Replace(int start, int end, string replacement)
    {
        string edited = string.Concat(text.AsSpan(0, start), replacement, text.AsSpan(end));
        // Parse (and validate) every change before it is kept: a step whose result would not parse throws here.
        document = Parse(edited);
        text = edited;
        built = null;
    }

    private CodexIssueException Unsupported(string key, SyntaxNode at, string message) =>
        new(new CodexIssue(ErrorIds.ConfigEditUnsupported, IssueKind.InvalidData, message, path,
            at.Span.Start.Line + 1, at.Span.Start.Column + 1, key,
            "Edit this key by hand, or change the file so the key lies in a standard table."));

    private static string DetectNewLine(string text)
    {
        int nl = text.IndexOf('\n');
        return nl > 0 && text[nl - 1] == '\r' ? "\r\n" : "\n";
    }

    internal static bool StartsWith(string[] path, string[] prefix) =>
        path.Length >= prefix.Length && prefix.AsSpan().SequenceEqual(path.AsSpan(0, prefix.Length));

    private static object? Plain(ValueSyntax value) => value switch
    {
        StringValueSyntax s => s.Value,
        IntegerValueSyntax i => i.Value,
        FloatValueSyntax f => f.Value,
        BooleanValueSyntax b => b.Value,
        ArraySyntax a => Enumerable.Range(0, a.Items?.ChildrenCount ?? 0).Select(i => a.Items!.GetChild(i)!.Value is { } v ? Plain(v) : null).ToArray(),
        _ => null,
    };

    private DocumentSyntax Parse(string? candidate = null)
    {
        DocumentSyntax document = TomlDepth.Parse(candidate ?? text, path, ErrorIds.ConfigEditInvalid);
        if (document.HasErrors)
        {
            DiagnosticMessage first = document.Diagnostics.Where(d => d.Kind == DiagnosticMessageKind.Error)
                .OrderBy(d => d.Span.Start.Line).ThenBy(d => d.Span.Start.Column).First();
            throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigEditInvalid, IssueKind.InvalidData,
                $"The edited text would not parse (line {first.Span.Start.Line + 1}, column {first.Span.Start.Column + 1}: {first.Message}); nothing was written.",
                path, first.Span.Start.Line + 1, first.Span.Start.Column + 1, path,
                "Report this: ConfigEdit should never produce invalid TOML. Edit the file by hand meanwhile."));
        }

        return document;
    }

    internal sealed record KvEntry(string[] Path, KeyValueSyntax Kv, TableSyntaxBase? Section, string[] SectionPath, InlineTableSyntax? Inline, int KeyLength, bool InArray);

    internal sealed record HeaderEntry(string[] Path, TableSyntaxBase Table, bool IsArray);

    /// <summary>Every key and table header of the document with its full dotted path.</summary>
    private sealed class Index
    {
        private readonly Dictionary<string, KvEntry> kvByPath = new(StringComparer.Ordinal);
        private readonly Dictionary<TableSyntaxBase, List<KvEntry>> bySection = new();

        public Index(DocumentSyntax document)
        {
            foreach (KeyValueSyntax kv in document.KeyValues)
            {
                Add(kv, null, Array.Empty<string>(), null, RootKvs, inArray: false);
            }

            var arrays = new List<string[]>();
            foreach (TableSyntaxBase table in document.Tables)
            {
                string[] name = Segments(table.Name);
                bool isArray = table is TableArraySyntax;
                if (isArray)
                {
                    arrays.Add(name);
                }

                bool inArray = arrays.Any(a => StartsWith(name, a));
                Headers.Add(new HeaderEntry(name, table, isArray));
                var list = new List<KvEntry>();
                bySection[table] = list;
                foreach (KeyValueSyntax kv in table.Items)
                {
                    Add(kv, table, name, null, list, inArray);
                }
            }

        }

        public List<KvEntry> RootKvs { get; } = new();

        public List<HeaderEntry> Headers { get; } = new();

        public List<KvEntry> All { get; } = new();

        public KvEntry? Kv(string[] path) => kvByPath.TryGetValue(Key(path), out var kv) ? kv : null;

        public HeaderEntry? Header(string[] path) => Headers.FirstOrDefault(h => !h.IsArray && h.Path.AsSpan().SequenceEqual(path));

        public HeaderEntry? ArrayHeader(string[] path) => Headers.FirstOrDefault(h => h.IsArray && h.Path.AsSpan().SequenceEqual(path));

        public IEnumerable<HeaderEntry> HeadersUnder(string[] path) => Headers.Where(h => h.Path.Length > path.Length && StartsWith(h.Path, path));

        public IReadOnlyList<KvEntry> SectionKvs(TableSyntaxBase table) => bySection.TryGetValue(table, out var list) ? list : Array.Empty<KvEntry>();

        /// <summary>The last line-level key whose dotted key defines the table at path, if dotted keys define it.</summary>
        public KvEntry? DottedOwner(string[] path) => All
            .Where(k => k.Inline is null && !k.InArray && k.Path.Length > path.Length && k.SectionPath.Length < path.Length && StartsWith(k.Path, path))
            .MaxBy(k => k.Kv.Span.Start.Offset);

        public bool Exists(string[] path) => Header(path) is not null || Kv(path) is not null || DottedOwner(path) is not null || HeadersUnder(path).Any();

        private void Add(KeyValueSyntax kv, TableSyntaxBase? section, string[] prefix, InlineTableSyntax? inline, List<KvEntry>? list, bool inArray)
        {
            string[] key = Segments(kv.Key);
            string[] full = prefix.Concat(key).ToArray();
            var entry = new KvEntry(full, kv, section, inline is null ? prefix : SectionPathOf(prefix, section), inline, key.Length, inArray);
            All.Add(entry);
            list?.Add(entry);
            if (!inArray)
            {
                kvByPath.TryAdd(Key(full), entry);
            }

            if (kv.Value is InlineTableSyntax table && table.Items is { } items)
            {
                for (int i = 0; i < items.ChildrenCount; i++)
                {
                    if (items.GetChild(i)!.KeyValue is { } child)
                    {
                        Add(child, section, full, table, null, inArray);
                    }
                }
            }
        }

        private string[] SectionPathOf(string[] prefix, TableSyntaxBase? section) =>
            section is null ? Array.Empty<string>() : Headers.First(h => ReferenceEquals(h.Table, section)).Path;

        private static string Key(string[] path) => string.Join('\u0000', path);

        private static string[] Segments(KeySyntax? key)
        {
            var segments = new List<string>();
            if (key is null)
            {
                return segments.ToArray();
            }

            segments.Add(Segment(key.Key));
            foreach (DottedKeyItemSyntax dotted in key.DotKeys)
            {
                segments.Add(Segment(dotted.Key));
            }

            return segments.ToArray();
        }

        private static string Segment(BareKeyOrStringValueSyntax? key) => key switch
        {
            BareKeySyntax bare => bare.Key?.Text ?? string.Empty,
            StringValueSyntax quoted => quoted.Value ?? string.Empty,
            _ => string.Empty,
        };
    }
}
