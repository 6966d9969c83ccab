using Tomlyn.Syntax;

namespace Codex.Plugins.Configuration.Editing;

/// <summary>Every key and table header of the document with its full dotted path.</summary>
internal sealed class TomlDocumentIndex
{
    private readonly Dictionary<string, TomlKeyEntry> kvByPath = new(StringComparer.Ordinal);
    private readonly Dictionary<TableSyntaxBase, List<TomlKeyEntry>> bySection = new();

    public TomlDocumentIndex(DocumentSyntax document)
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

            bool inArray = arrays.Any(a => TomlTextEditor.StartsWith(name, a));
            Headers.Add(new TomlHeaderEntry(name, table, isArray));
            var list = new List<TomlKeyEntry>();
            bySection[table] = list;
            foreach (KeyValueSyntax kv in table.Items)
            {
                Add(kv, table, name, null, list, inArray);
            }
        }

    }

    public List<TomlKeyEntry> RootKvs { get; } = new();

    public List<TomlHeaderEntry> Headers { get; } = new();

    public List<TomlKeyEntry> All { get; } = new();

    public TomlKeyEntry? Kv(string[] path) => kvByPath.TryGetValue(Key(path), out var kv) ? kv : null;

    public TomlHeaderEntry? Header(string[] path) => Headers.FirstOrDefault(h => !h.IsArray && h.Path.AsSpan().SequenceEqual(path));

    public TomlHeaderEntry? ArrayHeader(string[] path) => Headers.FirstOrDefault(h => h.IsArray && h.Path.AsSpan().SequenceEqual(path));

    public IEnumerable<TomlHeaderEntry> HeadersUnder(string[] path) => Headers.Where(h => h.Path.Length > path.Length && TomlTextEditor.StartsWith(h.Path, path));

    public IReadOnlyList<TomlKeyEntry> SectionKvs(TableSyntaxBase table) => bySection.TryGetValue(table, out var list) ? list : Array.Empty<TomlKeyEntry>();

    /// <summary>The last line-level key whose dotted key defines the table at path, if dotted keys define it.</summary>
    public TomlKeyEntry? DottedOwner(string[] path) => All
        .Where(k => k.Inline is null && !k.InArray && k.Path.Length > path.Length && k.SectionPath.Length < path.Length && TomlTextEditor.StartsWith(k.Path, path))
        .MaxBy(k => k.Kv.Span.Start.Offset);

    public bool Exists(string[] path) => Header(path) is not null || Kv(path) is not null || DottedOwner(path) is not null || HeadersUnder(path).Any();

    private void Add(KeyValueSyntax kv, TableSyntaxBase? section, string[] prefix, InlineTableSyntax? inline, List<TomlKeyEntry>? list, bool inArray)
    {
        string[] key = Segments(kv.Key);
        string[] full = prefix.Concat(key).ToArray();
        var entry = new TomlKeyEntry(full, kv, section, inline is null ? prefix : SectionPathOf(prefix, section), inline, key.Length, inArray);
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
