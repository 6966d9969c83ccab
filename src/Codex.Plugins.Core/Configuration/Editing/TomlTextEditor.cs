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
internal sealed partial class TomlTextEditor
{
    private readonly string path;
    private string text;
    private DocumentSyntax? document;
    private TomlDocumentIndex? built;

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

    /// <summary>Tomlyn's tree of <see cref="Text"/>, parsed and validated (after a change, when first asked for).</summary>
    public DocumentSyntax Document => document ??= Parse();

    /// <summary>
    /// The value nodes of <see cref="Text"/> after a change the value reader could read (null otherwise): what the next
    /// read of the written file returns, without a parse.
    /// </summary>
    public TomlTableNode? Values { get; private set; }

    // Built when a step needs it, not after every change: the last step's tree is only validated, never searched.
    private TomlDocumentIndex index => built ??= new TomlDocumentIndex(Document);

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
        TomlHeaderEntry? section = a > 0 ? index.Header(ancestor) : null;
        List<TomlHeaderEntry> related = index.Headers.Where(h => StartsWith(h.Path, ancestor)).ToList();
        bool subTables = related.Any(h => h.Path.Length > ancestor.Length);
        IReadOnlyList<TomlKeyEntry> sectionKvs = a == 0 ? index.RootKvs : section is null ? Array.Empty<TomlKeyEntry>() : index.SectionKvs(section.Table);
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
        foreach (TomlHeaderEntry h in index.Headers.Skip(1))
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
        // Every change is validated before it is kept: a step whose result would not parse throws here. Text the value
        // reader reads is text Tomlyn accepts (tests hold the two together), so Tomlyn's tree of it waits until a
        // further step needs it; the last step of an edit usually has none.
        Values = TomlValueReader.Read(edited, path);
        document = Values is null ? Parse(edited) : null;
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
}
