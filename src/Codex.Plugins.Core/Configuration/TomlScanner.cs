using System.Globalization;
using System.Text;

namespace Codex.Plugins.Configuration;

/// <summary>
/// The lexical side of <see cref="TomlValueReader"/>: where it stands in the text (line and column as Tomlyn counts
/// them), spaces, comments and line ends, keys, and one-line strings. Anything outside the subset, or a character TOML
/// refuses, throws <see cref="TomlOutsideSubset"/>.
/// </summary>
internal sealed class TomlScanner
{
    private readonly string text;
    private readonly StringBuilder scratch = new();
    private int pos;
    private int line = 1;
    private int lineStart;

    public TomlScanner(string text, string path)
    {
        this.text = text;
        Path = path;
    }

    /// <summary>The file the text is read from, for locations.</summary>
    public string Path { get; }

    public bool AtEnd => pos >= text.Length;

    // --- keys -------------------------------------------------------------------------------------------------------

    public List<string> ReadKey()
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
            throw new TomlOutsideSubset();
        }

        return text.Substring(start, pos - start);
    }

    private static string NotEmpty(string key) => key.Length > 0 ? key : throw new TomlOutsideSubset();

    private static bool IsBareKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    // --- strings ----------------------------------------------------------------------------------------------------

    public string ReadBasicString()
    {
        pos++;
        if (Peek() == '"' && pos + 1 < text.Length && text[pos + 1] == '"')
        {
            // A multi-line string.
            throw new TomlOutsideSubset();
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

        throw new TomlOutsideSubset();
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
                default: throw new TomlOutsideSubset();
            }
        }

        throw new TomlOutsideSubset();
    }

    private void AppendCodePoint(int digits)
    {
        if (pos + digits > text.Length || !uint.TryParse(text.AsSpan(pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint value)
            || value > 0x10FFFF || value is >= 0xD800 and <= 0xDFFF)
        {
            throw new TomlOutsideSubset();
        }

        pos += digits;
        scratch.Append(char.ConvertFromUtf32((int)value));
    }

    public string ReadLiteralString()
    {
        pos++;
        if (Peek() == '\'' && pos + 1 < text.Length && text[pos + 1] == '\'')
        {
            throw new TomlOutsideSubset();
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

        throw new TomlOutsideSubset();
    }

    // Control characters other than tab end the subset (TOML refuses C0 and DEL in strings and comments, and a newline
    // ends a one-line string unclosed); so do C1 controls, a byte order mark (only the start of a file may hold one)
    // and the two noncharacters, which readers treat differently.
    private static void RequireStringChar(char c)
    {
        if (c < ' ' && c != '\t' || c is >= '\u007F' and <= '\u009F' || c is '\uFEFF' or '\uFFFE' or '\uFFFF')
        {
            throw new TomlOutsideSubset();
        }
    }

    /// <summary>The token a number is written as, moved past; <see cref="TomlNumber"/> says what it means.</summary>
    public ReadOnlySpan<char> NumberToken()
    {
        int start = pos;
        while (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] is '_' or '+' or '-' or '.' or ':'))
        {
            pos++;
        }

        return text.AsSpan(start, pos - start);
    }

    // --- position ---------------------------------------------------------------------------------------------------

    public char Peek() => pos < text.Length ? text[pos] : '\0';

    /// <summary>Moves past one character, whatever it is.</summary>
    public void Advance() => pos++;

    /// <summary>The character the scanner stands on ('\0' at the end), moving past it.</summary>
    public char Take()
    {
        char c = Peek();
        pos++;
        return c;
    }

    /// <summary>Moves past <paramref name="word"/> when it is written here as a whole word (true, false).</summary>
    public bool TryWord(string word)
    {
        if (string.CompareOrdinal(text, pos, word, 0, word.Length) == 0
            && (pos + word.Length >= text.Length || !IsBareKeyChar(text[pos + word.Length]) && text[pos + word.Length] != '.'))
        {
            pos += word.Length;
            return true;
        }

        return false;
    }

    public void Expect(char c)
    {
        if (Peek() != c)
        {
            throw new TomlOutsideSubset();
        }

        pos++;
    }

    public void SkipSpaces()
    {
        while (pos < text.Length && text[pos] is ' ' or '\t')
        {
            pos++;
        }
    }

    /// <summary>Spaces, comments and newlines, as an array may hold between its items.</summary>
    public void SkipBlank()
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
    public void EndOfLine()
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
                throw new TomlOutsideSubset();
            }
        }

        if (Peek() != '\n')
        {
            throw new TomlOutsideSubset();
        }

        pos++;
        line++;
        lineStart = pos;
    }

    /// <summary>Where the reader stands; columns count code points, as Tomlyn's do (a character beyond U+FFFF is one).</summary>
    public SourceLocation Here()
    {
        int column = pos - lineStart + 1;
        for (int i = lineStart; i < pos; i++)
        {
            if (char.IsLowSurrogate(text[i]))
            {
                column--;
            }
        }

        return new SourceLocation(Path, line, column);
    }
}
