using System.Text;
using Codex.Plugins.Diagnostics;
using Tomlyn.Syntax;

namespace Codex.Plugins.Configuration;

/// <summary>
/// Reads TOML files the way Codex 0.169.0 accepts them: TOML 1.1, strict UTF-8, a BOM only at the very start.
/// Everything that would stop Codex from loading the file comes back as a <see cref="CodexIssue"/> with the file,
/// line and column.
/// </summary>
public static class TomlFileReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads and parses a file; throws <see cref="CodexIssueException"/> when Codex would refuse it, or FileTooLarge
    /// for a file over <paramref name="limit"/> (by default <see cref="FileSizeLimit.ConfigToml"/>; nothing of it is read).
    /// </summary>
    public static TomlFile Read(string path, FileSizeLimit? limit = null)
    {
        byte[] bytes;
        try
        {
            if (Directory.Exists(path))
            {
                throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigIsDirectory, IssueKind.ReadError,
                    "A folder stands where Codex expects a TOML file.", path, Target: path,
                    RecommendedAction: "Remove or rename the folder, or put the configuration file in its place."));
            }

            bytes = RegularFile.ReadAllBytes(path, limit: limit ?? FileSizeLimit.ConfigToml);
        }
        catch (CodexIssueException)
        {
            throw;
        }
        catch (FileTooLargeException ex)
        {
            throw new CodexIssueException(FileSizeLimit.Issue(ex), ex);
        }
        catch (LinkNotFollowedException ex)
        {
            // The writer refuses the same link (WriteTarget); reading it first must not turn that into "unreadable".
            throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigLinkRefused, IssueKind.ReadError, ex.Message, path, Target: path,
                RecommendedAction: "Replace the link with the file itself, or link to a file the link's owner may read."), ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigUnreadable, IssueKind.ReadError,
                $"The file cannot be read: {ex.Message}", path, Target: path,
                RecommendedAction: "Check that the file exists and that this account may read it."), ex);
        }

        if (ParsedFileCache.Get(path, bytes) is { } cached)
        {
            return cached;
        }

        TomlFile file = Parse(bytes, path);
        ParsedFileCache.Put(path, bytes, file);
        return file;
    }

    /// <summary>Value nodes for text already parsed (and validated) into a syntax tree.</summary>
    internal static TomlFile FromSyntax(string text, string path, bool hasBom, DocumentSyntax document) =>
        new(path, text, hasBom, new SyntaxToNodes(path).Build(document), document);

    /// <summary>Parses file content; the path is used for locations and messages.</summary>
    public static TomlFile Parse(byte[] bytes, string path)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            throw Encoding(path, 1, 1, "The file is UTF-16; Codex reads TOML only as UTF-8.");
        }

        bool hasBom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        int start = hasBom ? 3 : 0;
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException ex)
        {
            int offset = start + Math.Max(0, ex.Index);
            (int line, int column) = LineColumnOfByte(bytes, start, offset);
            throw Encoding(path, line, column, "The file is not valid UTF-8.");
        }

        return ParseText(text, path, hasBom);
    }

    /// <summary>Parses TOML text (no BOM).</summary>
    public static TomlFile ParseText(string text, string path, bool hasBom = false)
    {
        if (hasBom && text.Length > 0 && text[0] == '\uFEFF')
        {
            // A second BOM right after the first: Tomlyn would skip it, codex reads it as a stray character and counts
            // the first BOM's three bytes in its column.
            throw Encoding(path, 1, 4,
                "TOML parse error at line 1, column 4: a second byte order mark (U+FEFF) follows the first; only one may start the file.");
        }

        // Most configuration is plain TOML whose values are read straight from the text; the lossless tree is built only
        // for a file outside that subset (which also words any error) or when an edit needs it (TomlFile.Syntax).
        if (TomlValueReader.Read(text, path) is { } values)
        {
            return new TomlFile(path, text, hasBom, values);
        }

        DocumentSyntax document = TomlDepth.Parse(text, path);
        if (document.HasErrors)
        {
            // Tomlyn collects several errors, not in source order; Codex (the toml crate) stops at the first one in the text.
            DiagnosticMessage first = document.Diagnostics.Where(d => d.Kind == DiagnosticMessageKind.Error)
                .OrderBy(d => d.Span.Start.Line).ThenBy(d => d.Span.Start.Column).First();
            int line = first.Span.Start.Line + 1;
            int column = first.Span.Start.Column + 1;
            int offset = first.Span.Start.Offset;
            if (offset >= 0 && offset < text.Length && text[offset] == '\uFEFF')
            {
                // A BOM inside a string is just a character; outside one, only the very start of the file may hold it.
                // Codex (the toml crate) reports the character after the BOM, so the position matches its message.
                throw Encoding(path, line, column + 1,
                    $"TOML parse error at line {line}, column {column + 1}: a byte order mark (U+FEFF) stands at line {line}, column {column}; only the very start of the file may have one.");
            }

            throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigParseError, IssueKind.InvalidData,
                $"TOML parse error at line {line}, column {column}: {first.Message}", path, line, column, path,
                "Fix the TOML at that line; Codex refuses to start with a configuration file that does not parse."));
        }

        var root = new SyntaxToNodes(path).Build(document);
        return new TomlFile(path, text, hasBom, root, document);
    }

    private static CodexIssueException Encoding(string path, int line, int column, string message) =>
        new(new CodexIssue(ErrorIds.ConfigEncodingInvalid, IssueKind.InvalidData, message, path, line, column, path,
            "Save the file as UTF-8 (a byte order mark is allowed only at the start)."));

    private static (int Line, int Column) LineColumnOfByte(byte[] bytes, int start, int offset)
    {
        int line = 1, column = 1;
        for (int i = start; i < offset && i < bytes.Length; i++)
        {
            if (bytes[i] == '\n')
            {
                line++;
                column = 1;
            }
            else if ((bytes[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return (line, column);
    }

    /// <summary>Turns Tomlyn's lossless syntax tree into value nodes that remember where each was written.</summary>
    private sealed class SyntaxToNodes
    {
        private readonly string path;

        public SyntaxToNodes(string path) => this.path = path;

        public TomlTableNode Build(DocumentSyntax document)
        {
            var root = new TomlTableNode(new SourceLocation(path, 1, 1));
            foreach (KeyValueSyntax kv in document.KeyValues)
            {
                AddKeyValue(root, kv);
            }

            foreach (TableSyntaxBase table in document.Tables)
            {
                IReadOnlyList<string> name = Segments(table.Name);
                SourceLocation at = Loc(table);
                TomlTableNode target;
                if (table is TableArraySyntax)
                {
                    TomlTableNode parent = Descend(root, name.Take(name.Count - 1), at);
                    string last = name[^1];
                    var element = new TomlTableNode(at);
                    var existing = parent[last] as TomlArrayNode;
                    var items = existing is null ? new List<TomlNode>() : existing.Items.ToList();
                    items.Add(element);
                    parent.Set(last, new TomlArrayNode(existing?.Location ?? at, items, isTableArray: true));
                    target = element;
                }
                else
                {
                    target = Descend(root, name, at);
                }

                foreach (KeyValueSyntax kv in table.Items)
                {
                    AddKeyValue(target, kv);
                }
            }

            return root;
        }

        private void AddKeyValue(TomlTableNode table, KeyValueSyntax kv)
        {
            IReadOnlyList<string> key = Segments(kv.Key);
            SourceLocation at = Loc(kv);
            TomlTableNode parent = Descend(table, key.Take(key.Count - 1), at);
            if (kv.Value is not null)
            {
                parent.Set(key[^1], Value(kv.Value, at));
            }
        }

        private static TomlTableNode Descend(TomlTableNode from, IEnumerable<string> segments, SourceLocation at)
        {
            TomlTableNode current = from;
            foreach (string segment in segments)
            {
                switch (current[segment])
                {
                    case TomlTableNode t:
                        current = t;
                        break;
                    case TomlArrayNode { IsTableArray: true } a when a.Items.Count > 0:
                        // [a.b] after [[a]] refers to the last element of a, as in TOML.
                        current = (TomlTableNode)a.Items[^1];
                        break;
                    default:
                        var created = new TomlTableNode(at);
                        current.Set(segment, created);
                        current = created;
                        break;
                }
            }

            return current;
        }

        private TomlNode Value(ValueSyntax value, SourceLocation keyLocation)
        {
            SourceLocation at = keyLocation;
            switch (value)
            {
                case StringValueSyntax s:
                    return new TomlValueNode(at, s.Value ?? string.Empty);
                case IntegerValueSyntax i:
                    return new TomlValueNode(at, i.Value);
                case FloatValueSyntax f:
                    return new TomlValueNode(at, f.Value);
                case BooleanValueSyntax b:
                    return new TomlValueNode(at, b.Value);
                case DateTimeValueSyntax d:
                    return new TomlValueNode(at, d.Token?.Text?.Trim() ?? d.Value.ToString(), isDateTime: true);
                case ArraySyntax a:
                    var items = new List<TomlNode>();
                    foreach (ArrayItemSyntax item in a.Items)
                    {
                        if (item.Value is not null)
                        {
                            items.Add(Value(item.Value, Loc(item.Value)));
                        }
                    }

                    return new TomlArrayNode(at, items);
                case InlineTableSyntax t:
                    var table = new TomlTableNode(at, isInline: true);
                    foreach (InlineTableItemSyntax item in t.Items)
                    {
                        if (item.KeyValue is not null)
                        {
                            AddKeyValue(table, item.KeyValue);
                        }
                    }

                    return table;
                default:
                    return new TomlValueNode(at, value.ToString()?.Trim() ?? string.Empty);
            }
        }

        private SourceLocation Loc(SyntaxNodeBase node) => new(path, node.Span.Start.Line + 1, node.Span.Start.Column + 1);

        private static IReadOnlyList<string> Segments(KeySyntax? key)
        {
            var segments = new List<string>();
            if (key is null)
            {
                return segments;
            }

            segments.Add(Segment(key.Key));
            foreach (DottedKeyItemSyntax dotted in key.DotKeys)
            {
                segments.Add(Segment(dotted.Key));
            }

            return segments;
        }

        private static string Segment(BareKeyOrStringValueSyntax? key) => key switch
        {
            BareKeySyntax bare => bare.Key?.Text ?? string.Empty,
            StringValueSyntax quoted => quoted.Value ?? string.Empty,
            _ => string.Empty,
        };
    }
}
