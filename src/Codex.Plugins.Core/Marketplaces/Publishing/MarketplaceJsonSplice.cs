using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Marketplaces.Publishing;

/// <summary>
/// Edits the plugins array of a marketplace.json by splicing text: the entry that changes is rewritten in the
/// file's own indentation and line endings, and every other byte (other entries, key order, spacing, the top-level
/// fields) stays as it was. A re-serialisation would reorder, re-indent and re-escape what the author wrote.
/// </summary>
public sealed class MarketplaceJsonSplice
{
    private readonly string text;
    private readonly List<Element> elements = new();
    private int arrayOpen;
    private int arrayClose;

    private MarketplaceJsonSplice(string text, string path)
    {
        this.text = text;
        Path = path;
    }

    public string Path { get; }

    /// <summary>The marketplace's name ("name" at the top).</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>The text as read.</summary>
    public string Text => text;

    /// <summary>Entry names in file order (null for an entry without a string name).</summary>
    public IReadOnlyList<string?> EntryNames => elements.Select(e => e.Name).ToList();

    /// <summary>
    /// Reads the file text. Throws <see cref="CodexIssueException"/> (MarketplaceManifestInvalid, with line and
    /// column) when it does not parse or has no "name" string and "plugins" array, as Codex requires.
    /// </summary>
    public static MarketplaceJsonSplice Parse(string text, string path)
    {
        // The located reader gives Codex-like messages with line and column for JSON that does not parse.
        TomlTableNode doc = JsonFileReader.Parse(Encoding.UTF8.GetBytes(text), path, ErrorIds.MarketplaceManifestInvalid);
        if (doc.String("name") is not { Length: > 0 } || doc["plugins"] is not TomlArrayNode)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.MarketplaceManifestInvalid, IssueKind.InvalidData,
                "A marketplace.json needs a string \"name\" and a \"plugins\" array; it was not changed.", path, 1, 1, path, "Add the missing field."));
        }

        var splice = new MarketplaceJsonSplice(text, path) { Name = doc.String("name")! };
        splice.Locate();
        return splice;
    }

    /// <summary>The entry of this name as a JSON object (a copy), or null.</summary>
    public JsonObject? Entry(string name)
    {
        Element? e = elements.FirstOrDefault(x => x.Name == name);
        return e is null ? null : JsonNode.Parse(text[e.Start..e.End]) as JsonObject;
    }

    /// <summary>The text with the entry of this name replaced by <paramref name="entry"/>, or appended when there is none.</summary>
    public string WithEntry(string name, JsonObject entry)
    {
        string newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        string unit = IndentUnit();
        Element? existing = elements.FirstOrDefault(x => x.Name == name);
        if (existing is not null)
        {
            string indent = LineIndent(existing.Start);
            return text[..existing.Start] + Render(entry, indent, unit, newline) + text[existing.End..];
        }

        if (elements.Count > 0)
        {
            Element last = elements[^1];
            string indent = LineIndent(elements[0].Start);
            return text[..last.End] + "," + newline + indent + Render(entry, indent, unit, newline) + text[last.End..];
        }

        string closeIndent = LineIndent(arrayClose);
        string inner = closeIndent + unit;
        string between = text[(arrayOpen + 1)..arrayClose];
        bool multiline = between.Contains('\n');
        string body = newline + inner + Render(entry, inner, unit, newline) + newline + (multiline || closeIndent.Length > 0 ? closeIndent : string.Empty);
        return text[..(arrayOpen + 1)] + body + text[arrayClose..];
    }

    /// <summary>A new marketplace.json, in the curated marketplace's layout.</summary>
    public static string NewFile(string name, string? displayName)
    {
        var doc = new JsonObject { ["name"] = name };
        if (displayName is not null)
        {
            doc["interface"] = new JsonObject { ["displayName"] = displayName };
        }

        doc["plugins"] = new JsonArray();
        return Render(doc, string.Empty, "  ", "\n") + "\n";
    }

    private void Locate()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        int[] charAt = CharOffsets(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string key = reader.GetString()!;
            reader.Read();
            if (key != "plugins" || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            elements.Clear();
            arrayOpen = charAt[reader.TokenStartIndex];
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                int start = charAt[reader.TokenStartIndex];
                string? name = null;
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        string field = reader.GetString()!;
                        reader.Read();
                        if (field == "name" && reader.TokenType == JsonTokenType.String)
                        {
                            name = reader.GetString();
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }

                elements.Add(new Element(start, charAt[reader.BytesConsumed], name));
            }

            arrayClose = charAt[reader.TokenStartIndex];
        }
    }

    /// <summary>Char offset of every byte offset (the file is UTF-8; the splice works on the string).</summary>
    private static int[] CharOffsets(byte[] bytes)
    {
        var map = new int[bytes.Length + 1];
        int chars = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            map[i] = chars;
            byte b = bytes[i];
            // Lead bytes start a character; a 4-byte sequence is two UTF-16 chars.
            if ((b & 0xC0) != 0x80)
            {
                chars += (b & 0xF8) == 0xF0 ? 2 : 1;
            }
        }

        map[bytes.Length] = chars;
        return map;
    }

    private string LineIndent(int offset)
    {
        int lineStart = text.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1;
        int end = lineStart;
        while (end < offset && (text[end] == ' ' || text[end] == '\t'))
        {
            end++;
        }

        return text[lineStart..end];
    }

    /// <summary>The indentation of the top-level keys: the file's unit (two spaces when the file is on one line).</summary>
    private string IndentUnit()
    {
        int brace = text.IndexOf('{');
        int newline = text.IndexOf('\n', brace + 1);
        if (newline < 0)
        {
            return "  ";
        }

        int end = newline + 1;
        while (end < text.Length && (text[end] == ' ' || text[end] == '\t'))
        {
            end++;
        }

        return end > newline + 1 ? text[(newline + 1)..end] : "  ";
    }

    private static string Render(JsonNode node, string indent, string unit, string newline)
    {
        string json = node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        // System.Text.Json indents by two spaces; strings hold no raw line breaks, so lines can be re-indented.
        var lines = json.Split('\n');
        var sb = new StringBuilder();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            int spaces = line.Length - line.TrimStart(' ').Length;
            string body = string.Concat(Enumerable.Repeat(unit, spaces / 2)) + line[spaces..];
            sb.Append(i == 0 ? body : newline + indent + body);
        }

        return sb.ToString();
    }

    private sealed record Element(int Start, int End, string? Name);
}
