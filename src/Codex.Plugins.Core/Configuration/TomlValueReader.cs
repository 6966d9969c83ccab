using System.Globalization;
using System.Text;

namespace Codex.Plugins.Configuration;

/// <summary>
/// Reads the value nodes of the TOML that configuration files are made of, straight from the text, without Tomlyn's
/// lossless syntax tree: a read that no edit follows (an inventory, an audit) does not need the tree, and building it
/// and then walking it cost most of reading a large config.toml. It reads a deliberate subset (tables, arrays of
/// tables, dotted and quoted keys, single-line strings, decimal integers, plain floats, booleans, arrays, one-line
/// inline tables, comments) and is strict inside it; anything else (a multi-line string, a date, a hex number, a
/// table opened twice, a key written twice, a character TOML refuses, ...) returns null, and the caller parses with
/// Tomlyn, which also words the error. So it never accepts a file Tomlyn refuses, and what it returns is what
/// building the nodes from Tomlyn's tree gives, locations included: tests hold it to both on the toml-test corpus.
/// </summary>
internal sealed class TomlValueReader
{
    // Arrays and inline tables nested deeper than this go to Tomlyn (Codex's limit is 80; configuration nests a few).
    private const int MaxNesting = 32;

    private readonly string text;
    private readonly string path;
    private readonly Dictionary<TomlTableNode, TableState> states = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<TomlArrayNode, List<TomlNode>> tableArrays = new(ReferenceEqualityComparer.Instance);
    private readonly StringBuilder scratch = new();
    private int pos;
    private int line = 1;
    private int lineStart;
    private int section;
    private int lastId;
    private int nesting;

    private TomlValueReader(string text, string path)
    {
        this.text = text;
        this.path = path;
    }

    private enum TableKind
    {
        /// <summary>Created as a parent by a header ([a] for [a.b]); a header of its own may still define it once.</summary>
        ImpliedByHeader,

        /// <summary>Defined by its own header, or an element of an array of tables.</summary>
        Defined,

        /// <summary>Created by a dotted key; only more dotted keys of the same section may add to it.</summary>
        Dotted,

        /// <summary>An inline table: closed once written.</summary>
        Inline,
    }

    /// <summary>The value nodes of <paramref name="toml"/>, or null when the text is outside the subset read here.</summary>
    public static TomlTableNode? Read(string toml, string path)
    {
        try
        {
            return new TomlValueReader(toml, path).ReadDocument();
        }
        catch (OutsideSubset)
        {
            return null;
        }
    }

    private TomlTableNode ReadDocument()
    {
        var root = new TomlTableNode(new SourceLocation(path, 1, 1));
        states[root] = new TableState(TableKind.Defined, 0);
        TomlTableNode current = root;
        while (pos < text.Length)
        {
            SkipSpaces();
            if (pos >= text.Length)
            {
                break;
            }

            char c = text[pos];
            if (c is '\n' or '\r' or '#')
            {
                EndOfLine();
                continue;
            }

            if (c == '[')
            {
                current = ReadHeader(root);
            }
            else
            {
                ReadKeyValue(current);
            }

            SkipSpaces();
            EndOfLine();
        }

        return root;
    }

    // --- structure --------------------------------------------------------------------------------------------------

    private TomlTableNode ReadHeader(TomlTableNode root)
    {
        SourceLocation at = Here();
        pos++;
        bool isArray = Peek() == '[';
        if (isArray)
        {
            pos++;
        }

        SkipSpaces();
        List<string> key = ReadKey();
        SkipSpaces();
        Expect(']');
        if (isArray)
        {
            Expect(']');
        }

        section = ++lastId;
        TomlTableNode parent = root;
        for (int i = 0; i < key.Count - 1; i++)
        {
            parent = HeaderParent(parent, key[i], at);
        }

        string last = key[^1];
        TomlNode? existing = parent[last];
        if (isArray)
        {
            var element = new TomlTableNode(at);
            states[element] = new TableState(TableKind.Defined, section);
            if (existing is null)
            {
                var items = new List<TomlNode> { element };
                var array = new TomlArrayNode(at, items, isTableArray: true);
                tableArrays[array] = items;
                parent.Set(last, array);
            }
            else if (existing is TomlArrayNode array && tableArrays.TryGetValue(array, out List<TomlNode>? items))
            {
                items.Add(element);
            }
            else
            {
                throw new OutsideSubset();
            }

            return element;
        }

        if (existing is null)
        {
            var table = new TomlTableNode(at);
            states[table] = new TableState(TableKind.Defined, section);
            parent.Set(last, table);
            return table;
        }

        if (existing is TomlTableNode implied && states[implied].Kind == TableKind.ImpliedByHeader)
        {
            states[implied] = new TableState(TableKind.Defined, section);
            return implied;
        }

        throw new OutsideSubset();
    }

    /// <summary>The table a header passes through: made if missing, or one made or defined by headers.</summary>
    private TomlTableNode HeaderParent(TomlTableNode parent, string segment, SourceLocation at)
    {
        switch (parent[segment])
        {
            case null:
                var created = new TomlTableNode(at);
                states[created] = new TableState(TableKind.ImpliedByHeader, section);
                parent.Set(segment, created);
                return created;
            case TomlTableNode table when states[table].Kind is TableKind.ImpliedByHeader or TableKind.Defined:
                return table;
            case TomlArrayNode array when tableArrays.TryGetValue(array, out List<TomlNode>? items):
                // [a.b] after [[a]] is a table of a's last element.
                return (TomlTableNode)items[^1];
            default:
                throw new OutsideSubset();
        }
    }

    private void ReadKeyValue(TomlTableNode table)
    {
        SourceLocation at = Here();
        List<string> key = ReadKey();
        SkipSpaces();
        Expect('=');
        SkipSpaces();
        int owner = states[table].Kind == TableKind.Inline ? states[table].Section : section;
        TomlTableNode parent = table;
        for (int i = 0; i < key.Count - 1; i++)
        {
            switch (parent[key[i]])
            {
                case null:
                    var created = new TomlTableNode(at);
                    states[created] = new TableState(TableKind.Dotted, owner);
                    parent.Set(key[i], created);
                    parent = created;
                    break;
                case TomlTableNode dotted when states[dotted] is { Kind: TableKind.Dotted } state && state.Section == owner:
                    parent = dotted;
                    break;
                default:
                    throw new OutsideSubset();
            }
        }

        if (parent[key[^1]] is not null)
        {
            throw new OutsideSubset();
        }

        parent.Set(key[^1], ReadValue(at));
    }

    private List<string> ReadKey()
    {
        var segments = new List<string> { ReadKeySegment() };
        while (true)
        {
            int save = pos;
            SkipSpaces();
            if (Peek() != '.')
            {
                pos = save;
                return segments;
            }

            pos++;
            SkipSpaces();
            segments.Add(ReadKeySegment());
        }
    }

    private string ReadKeySegment()
    {
        char c = Peek();
        if (c == '"')
        {
            return NotEmpty(ReadBasicString());
        }

        if (c == '\'')
        {
            return NotEmpty(ReadLiteralString());
        }

        int start = pos;
        while (pos < text.Length && IsBareKeyChar(text[pos]))
        {
            pos++;
        }

        if (pos == start)
        {
            throw new OutsideSubset();
        }

        return text.Substring(start, pos - start);
    }

    private static string NotEmpty(string key) => key.Length > 0 ? key : throw new OutsideSubset();

    private static bool IsBareKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    // --- values -----------------------------------------------------------------------------------------------------

    /// <param name="at">Where the value's key was written (values carry their key's location); array items carry their own.</param>
    private TomlNode ReadValue(SourceLocation at)
    {
        char c = Peek();
        switch (c)
        {
            case '"':
                return new TomlValueNode(at, ReadBasicString());
            case '\'':
                return new TomlValueNode(at, ReadLiteralString());
            case '[':
                return ReadArray(at);
            case '{':
                return ReadInlineTable(at);
            case 't' when Follows("true"):
                pos += 4;
                return new TomlValueNode(at, true);
            case 'f' when Follows("false"):
                pos += 5;
                return new TomlValueNode(at, false);
            case >= '0' and <= '9' or '+' or '-':
                return new TomlValueNode(at, ReadNumber());
            default:
                throw new OutsideSubset();
        }
    }

    private TomlArrayNode ReadArray(SourceLocation at)
    {
        Nest();
        pos++;
        var items = new List<TomlNode>();
        while (true)
        {
            SkipBlank();
            if (Peek() == ']')
            {
                pos++;
                break;
            }

            items.Add(ReadValue(Here()));
            SkipBlank();
            char c = Peek();
            pos++;
            if (c == ']')
            {
                break;
            }

            if (c != ',')
            {
                throw new OutsideSubset();
            }
        }

        nesting--;
        return new TomlArrayNode(at, items);
    }

    private TomlTableNode ReadInlineTable(SourceLocation at)
    {
        Nest();
        pos++;
        var table = new TomlTableNode(at, isInline: true);
        states[table] = new TableState(TableKind.Inline, ++lastId);
        SkipSpaces();
        if (Peek() == '}')
        {
            pos++;
        }
        else
        {
            while (true)
            {
                SkipSpaces();
                ReadKeyValue(table);
                SkipSpaces();
                char c = Peek();
                pos++;
                if (c == '}')
                {
                    break;
                }

                if (c != ',')
                {
                    // Newlines and a trailing comma (TOML 1.1) included: Tomlyn decides those.
                    throw new OutsideSubset();
                }
            }
        }

        nesting--;
        return table;
    }

    private void Nest()
    {
        if (++nesting > MaxNesting)
        {
            throw new OutsideSubset();
        }
    }

    private string ReadBasicString()
    {
        pos++;
        if (Peek() == '"' && pos + 1 < text.Length && text[pos + 1] == '"')
        {
            // A multi-line string.
            throw new OutsideSubset();
        }

        int start = pos;
        while (pos < text.Length)
        {
            char c = text[pos];
            if (c == '"')
            {
                string plain = text.Substring(start, pos - start);
                pos++;
                return plain;
            }

            if (c == '\\')
            {
                return ReadEscapedRest(start);
            }

            RequireStringChar(c);
            pos++;
        }

        throw new OutsideSubset();
    }

    private string ReadEscapedRest(int start)
    {
        scratch.Clear().Append(text, start, pos - start);
        while (pos < text.Length)
        {
            char c = text[pos++];
            if (c == '"')
            {
                return scratch.ToString();
            }

            if (c != '\\')
            {
                RequireStringChar(c);
                scratch.Append(c);
                continue;
            }

            char e = pos < text.Length ? text[pos++] : '\0';
            switch (e)
            {
                case 'b': scratch.Append('\b'); break;
                case 't': scratch.Append('\t'); break;
                case 'n': scratch.Append('\n'); break;
                case 'f': scratch.Append('\f'); break;
                case 'r': scratch.Append('\r'); break;
                case '"': scratch.Append('"'); break;
                case '\\': scratch.Append('\\'); break;
                case 'u': AppendCodePoint(4); break;
                case 'U': AppendCodePoint(8); break;
                default: throw new OutsideSubset();
            }
        }

        throw new OutsideSubset();
    }

    private void AppendCodePoint(int digits)
    {
        if (pos + digits > text.Length || !uint.TryParse(text.AsSpan(pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint value)
            || value > 0x10FFFF || value is >= 0xD800 and <= 0xDFFF)
        {
            throw new OutsideSubset();
        }

        pos += digits;
        scratch.Append(char.ConvertFromUtf32((int)value));
    }

    private string ReadLiteralString()
    {
        pos++;
        if (Peek() == '\'' && pos + 1 < text.Length && text[pos + 1] == '\'')
        {
            throw new OutsideSubset();
        }

        int start = pos;
        while (pos < text.Length)
        {
            char c = text[pos];
            if (c == '\'')
            {
                string value = text.Substring(start, pos - start);
                pos++;
                return value;
            }

            RequireStringChar(c);
            pos++;
        }

        throw new OutsideSubset();
    }

    // Control characters other than tab end the subset (TOML refuses C0 and DEL in strings and comments, and a newline
    // ends a one-line string unclosed); so do C1 controls, a byte order mark (only the start of a file may hold one)
    // and the two noncharacters, which readers treat differently.
    private static void RequireStringChar(char c)
    {
        if (c < ' ' && c != '\t' || c is >= '\u007F' and <= '\u009F' || c is '\uFEFF' or '\uFFFE' or '\uFFFF')
        {
            throw new OutsideSubset();
        }
    }

    /// <summary>A decimal integer (long) or a plain float (double); hex, octal, binary, inf, nan and dates are left to Tomlyn.</summary>
    private object ReadNumber()
    {
        int start = pos;
        while (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] is '_' or '+' or '-' or '.' or ':'))
        {
            pos++;
        }

        ReadOnlySpan<char> token = text.AsSpan(start, pos - start);
        int i = token.Length > 0 && token[0] is '+' or '-' ? 1 : 0;
        int intStart = i;
        if (!Digits(token, ref i, underscores: true))
        {
            throw new OutsideSubset();
        }

        if (token[intStart] == '0' && i - intStart > 1)
        {
            // Leading zeros.
            throw new OutsideSubset();
        }

        if (i == token.Length)
        {
            string digits = token.Contains('_') ? token.ToString().Replace("_", string.Empty, StringComparison.Ordinal) : token.ToString();
            return long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer) ? integer : throw new OutsideSubset();
        }

        if (token.Contains('_'))
        {
            throw new OutsideSubset();
        }

        bool fraction = false, exponent = false;
        if (token[i] == '.')
        {
            i++;
            fraction = Digits(token, ref i, underscores: false) ? true : throw new OutsideSubset();
        }

        if (i < token.Length && token[i] is 'e' or 'E')
        {
            i++;
            if (i < token.Length && token[i] is '+' or '-')
            {
                i++;
            }

            exponent = Digits(token, ref i, underscores: false) ? true : throw new OutsideSubset();
        }

        if (i != token.Length || !(fraction || exponent)
            || !double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) || !double.IsFinite(number))
        {
            throw new OutsideSubset();
        }

        return number;
    }

    private static bool Digits(ReadOnlySpan<char> token, ref int i, bool underscores)
    {
        int start = i;
        while (i < token.Length && (char.IsAsciiDigit(token[i]) || underscores && token[i] == '_' && i > start && i + 1 < token.Length && char.IsAsciiDigit(token[i + 1]) && char.IsAsciiDigit(token[i - 1])))
        {
            i++;
        }

        return i > start;
    }

    // --- text -------------------------------------------------------------------------------------------------------

    private char Peek() => pos < text.Length ? text[pos] : '\0';

    private bool Follows(string word) =>
        string.CompareOrdinal(text, pos, word, 0, word.Length) == 0
        && (pos + word.Length >= text.Length || !IsBareKeyChar(text[pos + word.Length]) && text[pos + word.Length] != '.');

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw new OutsideSubset();
        }

        pos++;
    }

    private void SkipSpaces()
    {
        while (pos < text.Length && text[pos] is ' ' or '\t')
        {
            pos++;
        }
    }

    /// <summary>Spaces, comments and newlines, as an array may hold between its items.</summary>
    private void SkipBlank()
    {
        while (true)
        {
            SkipSpaces();
            char c = Peek();
            if (c is '\n' or '\r' or '#')
            {
                EndOfLine();
                continue;
            }

            return;
        }
    }

    /// <summary>An optional comment, then a newline (\n or \r\n) or the end of the text.</summary>
    private void EndOfLine()
    {
        if (Peek() == '#')
        {
            pos++;
            while (pos < text.Length && text[pos] != '\n' && text[pos] != '\r')
            {
                RequireStringChar(text[pos]);
                pos++;
            }
        }

        if (pos >= text.Length)
        {
            return;
        }

        if (text[pos] == '\r')
        {
            pos++;
            if (Peek() != '\n')
            {
                throw new OutsideSubset();
            }
        }

        if (Peek() != '\n')
        {
            throw new OutsideSubset();
        }

        pos++;
        line++;
        lineStart = pos;
    }

    /// <summary>Where the reader stands; columns count code points, as Tomlyn's do (a character beyond U+FFFF is one).</summary>
    private SourceLocation Here()
    {
        int column = pos - lineStart + 1;
        for (int i = lineStart; i < pos; i++)
        {
            if (char.IsLowSurrogate(text[i]))
            {
                column--;
            }
        }

        return new SourceLocation(path, line, column);
    }

    private readonly record struct TableState(TableKind Kind, int Section);

    /// <summary>The text leaves the subset read here; Tomlyn reads it instead.</summary>
    private sealed class OutsideSubset : Exception
    {
    }
}
