using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Codex.Plugins.Skills;

/// <summary>
/// Reads the front matter of SKILL.md the way Codex 0.169.0 does: the first line must be --- (spaces around it
/// allowed), the block ends at the next --- line and must not be empty; the YAML in between is read leniently.
/// </summary>
internal static class SkillFrontMatter
{
    public const string MissingMessage = "missing YAML frontmatter delimited by ---";

    // key: value on one line (any indentation). The key is plain; the value is what follows ": ".
    private static readonly Regex KeyValueLine = new(@"^(?<indent>[ ]*)(?<key>[A-Za-z0-9_][A-Za-z0-9_.\-]*):[ \t]+(?<value>.*?)[ \t]*$", RegexOptions.CultureInvariant);

    /// <summary>The lines between the --- fences joined by \n, or null when Codex sees no front matter.</summary>
    public static string? Extract(string contents)
    {
        using IEnumerator<string> lines = SkillText.Lines(contents).GetEnumerator();
        if (!lines.MoveNext() || SkillText.Trim(lines.Current) != "---")
        {
            return null;
        }

        var body = new List<string>();
        while (lines.MoveNext())
        {
            if (SkillText.Trim(lines.Current) == "---")
            {
                return body.Count == 0 ? null : string.Join('\n', body);
            }

            body.Add(lines.Current);
        }

        return null;
    }

    /// <summary>
    /// Codex 0.169.0 accepts plain values YAML itself refuses or reads as something else: `name: foo: bar` gives
    /// "foo: bar", `description: [oops` gives "[oops", `description: {a: 1}` gives "{a: 1}" (checked with app-server
    /// skills/list). It does not rescue quoted values, aliases, block sequences or a flow collection that is valid
    /// YAML without ": " in it (`[a, b]` stays a list and is refused). This rewrites such values as quoted strings.
    /// </summary>
    internal static string Relax(string frontMatter)
    {
        var sb = new StringBuilder(frontMatter.Length + 16);
        int blockIndent = -1;
        foreach (string line in frontMatter.Split('\n'))
        {
            if (sb.Length > 0)
            {
                sb.Append('\n');
            }

            int indent = line.Length - line.TrimStart(' ').Length;
            if (blockIndent >= 0)
            {
                // Inside a | or > block scalar: its lines are text, never keys.
                if (line.Trim().Length == 0 || indent > blockIndent)
                {
                    sb.Append(line);
                    continue;
                }

                blockIndent = -1;
            }

            Match m = KeyValueLine.Match(line);
            if (!m.Success)
            {
                sb.Append(line);
                continue;
            }

            string value = m.Groups["value"].Value;
            if (value.Length == 0 || "\"'&*!#".Contains(value[0]) || value.StartsWith("- ", StringComparison.Ordinal) || value == "-")
            {
                sb.Append(line);
                continue;
            }

            if (value[0] is '|' or '>')
            {
                blockIndent = indent;
                sb.Append(line);
                continue;
            }

            string plain = StripComment(value);
            if (NeedsQuoting(plain))
            {
                sb.Append(m.Groups["indent"].Value).Append(m.Groups["key"].Value).Append(": \"")
                  .Append(plain.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                sb.Append(line);
            }
        }

        return sb.ToString();
    }

    // A plain scalar ends at " #": what follows is a comment.
    private static string StripComment(string value)
    {
        for (int i = 1; i < value.Length; i++)
        {
            if (value[i] == '#' && (value[i - 1] == ' ' || value[i - 1] == '\t'))
            {
                return value[..i].TrimEnd(' ', '\t');
            }
        }

        return value;
    }

    private static bool NeedsQuoting(string plain)
    {
        if (plain.Contains(": ", StringComparison.Ordinal) || plain.Contains(":\t", StringComparison.Ordinal))
        {
            return true;
        }

        // Only values that start with a YAML indicator can fail to parse on their own.
        if (plain.Length == 0 || !"[]{}@`%,?|>".Contains(plain[0]))
        {
            return false;
        }

        try
        {
            new YamlStream().Load(new StringReader("k: " + plain));
            return false;
        }
        catch (YamlException)
        {
            return true;
        }
    }

    /// <summary>Parses the front matter text; on failure returns the error Codex would report.</summary>
    public static SkillFrontMatterFields? Parse(string frontMatter, out SkillFrontMatterError? error)
    {
        if (ParsePlainLines(frontMatter) is { } plain)
        {
            error = null;
            return plain;
        }

        return ParseYaml(frontMatter, out error);
    }

    /// <summary>
    /// The common front matter, one "key: plain text" line per field, read without building a YAML tree (a plugin check
    /// reads thousands): every line a simple key at column 0 with a value YAML can only read as that text. Anything
    /// else (indentation, quotes, comments, an indicator, a key written twice, a character YAML treats specially)
    /// returns null and goes to <see cref="ParseYaml"/>; a test holds the two to the same answers.
    /// </summary>
    internal static SkillFrontMatterFields? ParsePlainLines(string frontMatter)
    {
        string? name = null, description = null;
        bool hasName = false, hasDescription = false;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in frontMatter.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            int colon = line.IndexOf(':');
            if (colon <= 0 || !IsPlainKey(line.AsSpan(0, colon)) || colon + 1 >= line.Length || line[colon + 1] != ' ')
            {
                return null;
            }

            string key = line[..colon];
            string value = line[(colon + 1)..].Trim(' ');
            if (!keys.Add(key) || key == "metadata" || !IsPlainText(value))
            {
                return null;
            }

            bool isNull = value is "null" or "Null" or "NULL";
            if (key == "name")
            {
                (name, hasName) = (isNull ? null : value, true);
            }
            else if (key == "description")
            {
                (description, hasDescription) = (isNull ? null : value, true);
            }
        }

        return new SkillFrontMatterFields(hasName ? name : null, hasDescription ? description : null, null);
    }

    private static bool IsPlainKey(ReadOnlySpan<char> key)
    {
        if (!char.IsAsciiLetter(key[0]) && key[0] != '_')
        {
            return false;
        }

        foreach (char c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-')
            {
                return false;
            }
        }

        return true;
    }

    // Text YAML reads as itself in a plain scalar: it starts with a letter or digit (no indicator), holds no ": " (a
    // nested key), no " #" (a comment), does not end with ':', and has no tab, control character, line or paragraph
    // separator, BOM or surrogate (YAML reads some as breaks or refuses them).
    private static bool IsPlainText(string value)
    {
        if (value.Length == 0 || !char.IsAsciiLetterOrDigit(value[0]) || value[^1] == ':'
            || value.Contains(": ", StringComparison.Ordinal) || value.Contains(" #", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in value)
        {
            if (c < ' ' || c is >= '\u007F' and <= '\u009F' || c is '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF' || char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The front matter read as YAML, leniently as Codex reads it (see <see cref="Relax"/>): through <see cref="PlainYaml"/>
    /// when the text is in its subset (Relax changes nothing there: it quotes only plain values that hold ": " or start
    /// with an indicator, which the subset refuses) and its fields read without an error, else with YamlDotNet, which
    /// also gives the line of an error.
    /// </summary>
    internal static SkillFrontMatterFields? ParseYaml(string frontMatter, out SkillFrontMatterError? error)
    {
        if (PlainYaml.Load(frontMatter) is { } simple && Fields(simple, out error) is { } fields)
        {
            return fields;
        }

        return ParseFullYaml(frontMatter, out error);
    }

    /// <summary>The front matter read with YamlDotNet only (the reference the faster reads are tested against).</summary>
    internal static SkillFrontMatterFields? ParseFullYaml(string frontMatter, out SkillFrontMatterError? error)
    {
        error = null;
        YamlNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(Relax(frontMatter)));
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException ex)
        {
            string message = ex.InnerException is ArgumentException dup && dup.Message.Contains("same key", StringComparison.Ordinal)
                ? "duplicate field in the front matter"
                : ex.Message;
            error = Invalid(message, (int)ex.Start.Line);
            return null;
        }
        catch (ArgumentException ex)
        {
            error = Invalid($"duplicate field: {ex.Message}", null);
            return null;
        }

        if (root is null || root is YamlScalarNode { Style: ScalarStyle.Plain } s && IsNull(s))
        {
            return new SkillFrontMatterFields(null, null, null);
        }

        if (root is not YamlMappingNode map)
        {
            error = Invalid($"invalid type: {KindOf(root)}, expected struct SkillFrontmatter", (int)root.Start.Line);
            return null;
        }

        return Fields(map, out error);
    }

    private static SkillFrontMatterFields? Fields(YamlMappingNode map, out SkillFrontMatterError? error)
    {
        error = null;
        string? name = null, description = null, shortDescription = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in map.Children)
        {
            string key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!seen.Add(key))
            {
                error = Invalid($"duplicate field `{key}`", (int)keyNode.Start.Line);
                return null;
            }

            switch (key)
            {
                case "name":
                    if (!TryString(valueNode, "name", out name, out error))
                    {
                        return null;
                    }

                    break;
                case "description":
                    if (!TryString(valueNode, "description", out description, out error))
                    {
                        return null;
                    }

                    break;
                case "metadata":
                    if (valueNode is YamlMappingNode meta)
                    {
                        foreach (var (mk, mv) in meta.Children)
                        {
                            if ((mk as YamlScalarNode)?.Value == "short-description" && !TryString(mv, "metadata.short-description", out shortDescription, out error))
                            {
                                return null;
                            }
                        }
                    }
                    else if (!(valueNode is YamlScalarNode ms && IsNull(ms)))
                    {
                        error = Invalid($"metadata: invalid type: {KindOf(valueNode)}, expected struct SkillFrontmatterMetadata", (int)valueNode.Start.Line);
                        return null;
                    }

                    break;
            }
        }

        return new SkillFrontMatterFields(name, description, shortDescription);
    }

    private static bool TryString(YamlNode node, string field, out string? value, out SkillFrontMatterError? error)
    {
        value = null;
        error = null;
        if (node is YamlScalarNode scalar)
        {
            value = scalar.Style == ScalarStyle.Plain && IsNull(scalar) ? null : scalar.Value ?? string.Empty;
            return true;
        }

        error = Invalid($"{field}: invalid type: {KindOf(node)}, expected a string", (int)node.Start.Line);
        return false;
    }

    private static bool IsNull(YamlScalarNode scalar) => scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static string KindOf(YamlNode node) => node switch
    {
        YamlSequenceNode => "sequence",
        YamlMappingNode => "map",
        _ => "scalar",
    };

    // Lines of the front matter are counted from the line after the opening ---.
    private static SkillFrontMatterError Invalid(string message, int? frontMatterLine) =>
        new(Diagnostics.ErrorIds.SkillFrontMatterInvalid, $"invalid YAML: {message}", frontMatterLine is > 0 ? frontMatterLine + 1 : null);
}
