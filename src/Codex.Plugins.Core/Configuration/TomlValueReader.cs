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

    private readonly TomlScanner scanner;
    private readonly TomlTableDefinitions tables;
    private int nesting;

    private TomlValueReader(string text, string path)
    {
        scanner = new TomlScanner(text, path);
        tables = new TomlTableDefinitions(new SourceLocation(path, 1, 1));
    }

    /// <summary>The value nodes of <paramref name="toml"/>, or null when the text is outside the subset read here.</summary>
    public static TomlTableNode? Read(string toml, string path)
    {
        try
        {
            return new TomlValueReader(toml, path).ReadDocument();
        }
        catch (TomlOutsideSubset)
        {
            return null;
        }
    }

    private TomlTableNode ReadDocument()
    {
        TomlTableNode current = tables.Root;
        while (!scanner.AtEnd)
        {
            scanner.SkipSpaces();
            if (scanner.AtEnd)
            {
                break;
            }

            char c = scanner.Peek();
            if (c is '\n' or '\r' or '#')
            {
                scanner.EndOfLine();
                continue;
            }

            if (c == '[')
            {
                current = ReadHeader();
            }
            else
            {
                ReadKeyValue(current);
            }

            scanner.SkipSpaces();
            scanner.EndOfLine();
        }

        return tables.Root;
    }

    private TomlTableNode ReadHeader()
    {
        SourceLocation at = scanner.Here();
        scanner.Advance();
        bool isArray = scanner.Peek() == '[';
        if (isArray)
        {
            scanner.Advance();
        }

        scanner.SkipSpaces();
        List<string> key = scanner.ReadKey();
        scanner.SkipSpaces();
        scanner.Expect(']');
        if (isArray)
        {
            scanner.Expect(']');
        }

        return tables.Open(key, isArray, at);
    }

    private void ReadKeyValue(TomlTableNode table)
    {
        SourceLocation at = scanner.Here();
        List<string> key = scanner.ReadKey();
        scanner.SkipSpaces();
        scanner.Expect('=');
        scanner.SkipSpaces();
        tables.KeyValueParent(table, key, at).Set(key[^1], ReadValue(at));
    }

    /// <param name="at">Where the value's key was written (values carry their key's location); array items carry their own.</param>
    private TomlNode ReadValue(SourceLocation at)
    {
        char c = scanner.Peek();
        switch (c)
        {
            case '"':
                return new TomlValueNode(at, scanner.ReadBasicString());
            case '\'':
                return new TomlValueNode(at, scanner.ReadLiteralString());
            case '[':
                return ReadArray(at);
            case '{':
                return ReadInlineTable(at);
            case 't' when scanner.TryWord("true"):
                return new TomlValueNode(at, true);
            case 'f' when scanner.TryWord("false"):
                return new TomlValueNode(at, false);
            case >= '0' and <= '9' or '+' or '-':
                return new TomlValueNode(at, TomlNumber.Parse(scanner.NumberToken()));
            default:
                throw new TomlOutsideSubset();
        }
    }

    private TomlArrayNode ReadArray(SourceLocation at)
    {
        Nest();
        scanner.Advance();
        var items = new List<TomlNode>();
        while (true)
        {
            scanner.SkipBlank();
            if (scanner.Peek() == ']')
            {
                scanner.Advance();
                break;
            }

            items.Add(ReadValue(scanner.Here()));
            scanner.SkipBlank();
            char c = scanner.Take();
            if (c == ']')
            {
                break;
            }

            if (c != ',')
            {
                throw new TomlOutsideSubset();
            }
        }

        nesting--;
        return new TomlArrayNode(at, items);
    }

    private TomlTableNode ReadInlineTable(SourceLocation at)
    {
        Nest();
        scanner.Advance();
        TomlTableNode table = tables.NewInline(at);
        scanner.SkipSpaces();
        if (scanner.Peek() == '}')
        {
            scanner.Advance();
        }
        else
        {
            while (true)
            {
                scanner.SkipSpaces();
                ReadKeyValue(table);
                scanner.SkipSpaces();
                char c = scanner.Take();
                if (c == '}')
                {
                    break;
                }

                if (c != ',')
                {
                    // Newlines and a trailing comma (TOML 1.1) included: Tomlyn decides those.
                    throw new TomlOutsideSubset();
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
            throw new TomlOutsideSubset();
        }
    }
}
