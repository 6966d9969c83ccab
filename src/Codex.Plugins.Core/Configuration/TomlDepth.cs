using Codex.Plugins.Diagnostics;
using Tomlyn;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Codex.Plugins.Configuration;

/// <summary>
/// How deep TOML values may nest, as Codex reads them: codex 0.169.0 (the toml crate) reads arrays and inline tables
/// nested 80 deep and refuses the 81st level with "cannot recurse further; max recursion depth met" at that bracket
/// (tests/compat shows it against the binary). Tomlyn's own default stops at 64, with an exception and no position;
/// here the limit is Codex's, and a file past it is one ConfigParseError for that file, at the bracket Codex names.
/// </summary>
internal static class TomlDepth
{
    /// <summary>The deepest nesting Codex reads.</summary>
    public const int MaxNesting = 80;

    // Tomlyn counts the document itself as one level.
    private static readonly TomlSerializerOptions Options = new() { MaxDepth = MaxNesting + 1 };

    /// <summary>Parses with Codex's depth limit; past it, ConfigParseError (or <paramref name="errorId"/>) at the offending bracket.</summary>
    public static DocumentSyntax Parse(string text, string path, string errorId = ErrorIds.ConfigParseError)
    {
        try
        {
            return SyntaxParser.Parse(text, Options, path, validate: true);
        }
        catch (TomlException ex)
        {
            (int line, int column) = FirstTooDeep(text);
            throw new CodexIssueException(new CodexIssue(errorId, IssueKind.InvalidData,
                $"TOML parse error at line {line}, column {column}: cannot recurse further; max recursion depth met (arrays and inline tables nest at most {MaxNesting} deep).",
                path, line, column, path,
                "Flatten the value; Codex refuses to start with a configuration file nested this deep."), ex);
        }
    }

    /// <summary>Line and column (1-based) of the bracket that opens level 81, skipping strings, comments and table headers.</summary>
    private static (int Line, int Column) FirstTooDeep(string text)
    {
        int depth = 0, line = 1, column = 0;
        bool lineStart = true;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            column++;
            if (c == '\n')
            {
                line++;
                column = 0;
                lineStart = true;
                continue;
            }

            if (c is ' ' or '\t' or '\r')
            {
                continue;
            }

            if (c == '#')
            {
                while (i + 1 < text.Length && text[i + 1] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (c is '"' or '\'')
            {
                bool multi = i + 2 < text.Length && text[i + 1] == c && text[i + 2] == c;
                string close = multi ? new string(c, 3) : c.ToString();
                int from = i + (multi ? 3 : 1);
                int end = from;
                while (end < text.Length && !(string.CompareOrdinal(text, end, close, 0, close.Length) == 0 && (c == '\'' || text[end - 1] != '\\' || (end >= 2 && text[end - 2] == '\\'))))
                {
                    end++;
                }

                for (int k = i + 1; k < Math.Min(end + close.Length, text.Length); k++)
                {
                    if (text[k] == '\n')
                    {
                        line++;
                        column = 0;
                    }
                    else
                    {
                        column++;
                    }
                }

                i = Math.Min(end + close.Length - 1, text.Length - 1);
                lineStart = false;
                continue;
            }

            if (depth == 0 && lineStart && c == '[')
            {
                // A table header, not a value.
                while (i + 1 < text.Length && text[i + 1] != '\n')
                {
                    i++;
                    column++;
                }

                continue;
            }

            lineStart = false;
            if (c is '[' or '{')
            {
                if (++depth > MaxNesting)
                {
                    return (line, column);
                }
            }
            else if (c is ']' or '}')
            {
                depth = Math.Max(0, depth - 1);
            }
        }

        return (1, 1);
    }
}
