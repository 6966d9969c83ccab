using System.Text.Json;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Configuration;

/// <summary>
/// Reads JSON files (plugin manifests, .mcp.json, hooks.json) into the same located nodes as TOML, so a plugin's
/// server or hook can say which line of which file defines it.
/// </summary>
public static class JsonFileReader
{
    private static readonly JsonReaderOptions Options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 256,
    };

    /// <summary>
    /// Reads a JSON file whose top level is an object. Throws <see cref="CodexIssueException"/> when it cannot: with
    /// <paramref name="errorId"/>, or FileTooLarge for a file over <paramref name="limit"/> (nothing of it is read).
    /// </summary>
    public static TomlTableNode Read(string path, string errorId, FileSizeLimit limit)
    {
        byte[] bytes;
        try
        {
            if (Directory.Exists(path))
            {
                throw new CodexIssueException(new CodexIssue(errorId, IssueKind.ReadError, "A folder stands where a JSON file is expected.", path, Target: path));
            }

            bytes = RegularFile.ReadAllBytes(path, limit: limit);
        }
        catch (CodexIssueException)
        {
            throw;
        }
        catch (FileTooLargeException ex)
        {
            throw new CodexIssueException(FileSizeLimit.Issue(ex), ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CodexIssueException(new CodexIssue(errorId, IssueKind.ReadError, $"The file cannot be read: {ex.Message}", path, Target: path), ex);
        }

        return Parse(bytes, path, errorId);
    }

    public static TomlTableNode Parse(byte[] bytes, string path, string errorId)
    {
        int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var lines = new LineMap(bytes, start);
        var reader = new Utf8JsonReader(bytes.AsSpan(start), Options);
        try
        {
            if (!reader.Read())
            {
                throw new CodexIssueException(new CodexIssue(errorId, IssueKind.InvalidData, "The file is empty; a JSON object is expected.", path, 1, 1, path));
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                var (l, c) = lines.At(reader.TokenStartIndex);
                throw new CodexIssueException(new CodexIssue(errorId, IssueKind.InvalidData, $"A JSON object is expected, not {Describe(reader.TokenType)}.", path, l, c, path));
            }

            var root = (TomlTableNode)ReadValue(ref reader, path, lines);
            if (reader.Read())
            {
                var (l, c) = lines.At(reader.TokenStartIndex);
                throw new CodexIssueException(new CodexIssue(errorId, IssueKind.InvalidData, "Unexpected content after the JSON object.", path, l, c, path));
            }

            return root;
        }
        catch (InvalidOperationException ex)
        {
            // A string (key or value) that is not valid UTF-8: the reader accepts the token and refuses to decode it.
            var (l, c) = lines.At(reader.TokenStartIndex);
            throw new CodexIssueException(new CodexIssue(errorId, IssueKind.InvalidData,
                $"Invalid JSON at line {l}, column {c}: the string is not valid UTF-8.", path, l, c, path,
                "Save the file as UTF-8; Codex skips a file it cannot decode."), ex);
        }
        catch (JsonException ex)
        {
            int line = (int)(ex.LineNumber ?? 0) + 1;
            int column = (int)(ex.BytePositionInLine ?? 0) + 1;
            throw new CodexIssueException(new CodexIssue(errorId, IssueKind.InvalidData, $"Invalid JSON at line {line}, column {column}: {FirstSentence(ex.Message)}", path, line, column, path), ex);
        }
    }

    private static TomlNode ReadValue(ref Utf8JsonReader reader, string path, LineMap lines)
    {
        var (line, column) = lines.At(reader.TokenStartIndex);
        var at = new SourceLocation(path, line, column);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var table = new TomlTableNode(at);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var (kl, kc) = lines.At(reader.TokenStartIndex);
                    string key = reader.GetString() ?? string.Empty;
                    reader.Read();
                    TomlNode value = ReadValue(ref reader, path, lines);
                    // Keep the key's line: that is where a person looks for the entry.
                    table.Set(key, Relocate(value, new SourceLocation(path, kl, kc)));
                }

                return table;
            case JsonTokenType.StartArray:
                var items = new List<TomlNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, path, lines));
                }

                return new TomlArrayNode(at, items);
            case JsonTokenType.String:
                return new TomlValueNode(at, reader.GetString() ?? string.Empty);
            case JsonTokenType.Number:
                return reader.TryGetInt64(out long l) ? new TomlValueNode(at, l) : new TomlValueNode(at, reader.GetDouble());
            case JsonTokenType.True:
                return new TomlValueNode(at, true);
            case JsonTokenType.False:
                return new TomlValueNode(at, false);
            default:
                return new JsonNullNode(at);
        }
    }

    private static TomlNode Relocate(TomlNode node, SourceLocation at) => node switch
    {
        TomlValueNode v => new TomlValueNode(at, v.Value, v.IsDateTime),
        JsonNullNode => new JsonNullNode(at),
        _ => node,
    };

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    /// <summary>
    /// Byte offsets to 1-based line and column (columns count UTF-16 characters, not bytes). Tokens are asked for in
    /// the order they are read, so a cursor moves forward through the bytes once: linear in the file's size however
    /// long its lines are (a marketplace.json written on one line has every token on line 1).
    /// </summary>
    private sealed class LineMap
    {
        private readonly byte[] bytes;
        private readonly int start;
        private int offset;
        private int line = 1;
        private int column = 1;

        public LineMap(byte[] bytes, int start)
        {
            this.bytes = bytes;
            this.start = start;
        }

        public (int Line, int Column) At(long target)
        {
            if (target < offset)
            {
                // Asked for an earlier place (an error report): count again from the start.
                offset = 0;
                line = 1;
                column = 1;
            }

            for (int i = start + offset, end = start + (int)Math.Min(target, bytes.Length - start); i < end; i++)
            {
                byte b = bytes[i];
                if (b == (byte)'\n')
                {
                    line++;
                    column = 1;
                }
                else if ((b & 0xC0) != 0x80)
                {
                    // A character starts here; one beyond the BMP (4-byte sequence) is two UTF-16 characters.
                    column += b >= 0xF0 ? 2 : 1;
                }
            }

            offset = (int)Math.Max(offset, Math.Min(target, bytes.Length - start));
            return (line, column);
        }
    }
}
