using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Codex.Plugins.Skills;

/// <summary>
/// The YAML that skills are written in (SKILL.md front matter, agents/openai.yaml), read into the same nodes YamlDotNet
/// builds without running its scanner and parser: a checked plugin reads a front matter and an openai.yaml per skill,
/// and YamlDotNet's load of each (a token stack, a scalar event whose tag is interned, the node tree) was 40% of
/// Test-CodexPlugin over the curated marketplace. Only a narrow subset is read: block mappings of plain keys, block
/// sequences ("- "), plain text that YAML can only read as itself (on one line or continued on more indented lines),
/// '...' and "..." on one line without escapes, and | |- &gt; &gt;- blocks whose lines share one indentation. Anything
/// else (flow collections, anchors, tags, comments after a value, tabs, control characters, a key written twice,
/// blank lines inside a value, indentation indicators) returns null, and the caller loads the text with YamlDotNet;
/// tests hold the two to the same trees. Node positions are not set: a caller that reports a line loads the text
/// with YamlDotNet for it.
/// </summary>
internal static class PlainYaml
{
    /// <summary>The root mapping, or null when the text is outside the subset (or empty, or not a mapping).</summary>
    public static YamlMappingNode? Load(string text)
    {
        var lines = new Lines(text.Split('\n'));
        int at = lines.Next(0);
        if (at == lines.Count || lines.Indent[at] != 0)
        {
            return null;
        }

        YamlMappingNode? root = ReadMapping(lines, ref at, 0);
        return root is not null && lines.Next(at) == lines.Count ? root : null;
    }

    /// <summary>The raw lines; for each, where its content starts (-1: blank or a whole-line comment).</summary>
    private sealed class Lines
    {
        public Lines(string[] raw)
        {
            Raw = raw;
            Indent = new int[raw.Length];
            for (int i = 0; i < raw.Length; i++)
            {
                string line = raw[i];
                int indent = 0;
                while (indent < line.Length && line[indent] == ' ')
                {
                    indent++;
                }

                Indent[i] = indent == line.Length || line[indent] == '#' ? -1 : indent;
            }
        }

        public string[] Raw { get; }

        public int[] Indent { get; }

        public int Count => Raw.Length;

        /// <summary>The first line at or after <paramref name="at"/> that has content (Count when none).</summary>
        public int Next(int at)
        {
            while (at < Raw.Length && Indent[at] < 0)
            {
                at++;
            }

            return at;
        }

        public string Content(int at) => Raw[at][Indent[at]..].TrimEnd(' ');
    }

    private static YamlMappingNode? ReadMapping(Lines lines, ref int at, int indent)
    {
        var map = new YamlMappingNode { Style = MappingStyle.Block };
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (at = lines.Next(at); at < lines.Count && lines.Indent[at] >= indent; at = lines.Next(at))
        {
            string content = lines.Content(at);
            int colon = KeyEnd(content);
            if (lines.Indent[at] != indent || colon < 0 || !keys.Add(content[..colon]))
            {
                return null;
            }

            string value = content[(colon + 1)..].TrimStart(' ');
            at++;
            YamlNode? node = value switch
            {
                "" => ReadNested(lines, ref at, indent),
                ">" or ">-" or "|" or "|-" => ReadBlock(lines, ref at, indent, value),
                ['[', ..] => Alone(ReadFlowWords(value), lines, at, indent),
                _ => ReadScalar(value, out bool commented) is { } scalar ? Continue(scalar, commented, lines, ref at, indent) : null,
            };
            if (node is null)
            {
                return null;
            }

            map.Add(new YamlScalarNode(content[..colon]) { Style = ScalarStyle.Plain }, node);
        }

        return map;
    }

    // Where a "key:" line's key ends (its colon), or -1 when the line is no plain key followed by ": " or the line's end.
    private static int KeyEnd(string content)
    {
        int colon = content.IndexOf(':');
        return colon > 0 && IsPlainKey(content.AsSpan(0, colon)) && (colon + 1 == content.Length || content[colon + 1] == ' ') ? colon : -1;
    }

    // What a key with nothing after its colon holds: the more indented block below it, else an empty plain scalar.
    private static YamlNode? ReadNested(Lines lines, ref int at, int indent)
    {
        int next = lines.Next(at);
        if (next == lines.Count || lines.Indent[next] <= indent)
        {
            return new YamlScalarNode(string.Empty) { Style = ScalarStyle.Plain };
        }

        at = next;
        return lines.Content(at).StartsWith('-') ? ReadSequence(lines, ref at, lines.Indent[at]) : ReadMapping(lines, ref at, lines.Indent[at]);
    }

    private static YamlSequenceNode? ReadSequence(Lines lines, ref int at, int indent)
    {
        var sequence = new YamlSequenceNode { Style = SequenceStyle.Block };
        for (at = lines.Next(at); at < lines.Count && lines.Indent[at] >= indent; at = lines.Next(at))
        {
            string content = lines.Content(at);
            if (lines.Indent[at] != indent || content.Length < 3 || content[0] != '-' || content[1] != ' ' || content[2] == ' ')
            {
                return null;
            }

            YamlNode? node;
            if (KeyEnd(content[2..]) > 0)
            {
                // "- key: value": a mapping whose keys line up two columns in.
                lines.Indent[at] = indent + 2;
                node = ReadMapping(lines, ref at, indent + 2);
            }
            else
            {
                string item = content[2..];
                at++;
                node = Alone(item[0] == '[' ? ReadFlowWords(item) : (YamlNode?)ReadScalar(item, out _), lines, at, indent);
            }

            if (node is null)
            {
                return null;
            }

            sequence.Add(node);
        }

        return sequence;
    }

    /// <summary>
    /// A plain value continued on the lines right below it, more indented than its key: YAML joins them with single
    /// spaces. A quoted value or a value followed by a blank line or comment and then more indented text is left to YamlDotNet.
    /// </summary>
    private static YamlScalarNode? Continue(YamlScalarNode scalar, bool commented, Lines lines, ref int at, int indent)
    {
        if (scalar.Style == ScalarStyle.Plain && !commented)
        {
            var parts = new List<string> { scalar.Value! };
            while (!commented && at < lines.Count && lines.Indent[at] > indent && ReadScalar(lines.Content(at), out commented) is { Style: ScalarStyle.Plain } more)
            {
                parts.Add(more.Value!);
                at++;
            }

            scalar = parts.Count == 1 ? scalar : new YamlScalarNode(string.Join(' ', parts)) { Style = ScalarStyle.Plain };
        }

        return Alone(scalar, lines, at, indent);
    }

    // The node, when no more indented line follows it (which would continue it, or be refused by YAML).
    private static T? Alone<T>(T? node, Lines lines, int at, int indent)
        where T : YamlNode
    {
        int next = lines.Next(at);
        return next < lines.Count && lines.Indent[next] > indent ? null : node;
    }

    /// <summary>
    /// A | or &gt; block (clipped, or stripped with -) whose lines all sit at the indentation of its first line, with no
    /// blank line before the last one and no trailing space: literal lines joined by line breaks, folded by spaces.
    /// </summary>
    private static YamlScalarNode? ReadBlock(Lines lines, ref int at, int indent, string header)
    {
        if (at == lines.Count || lines.Raw[at].Trim(' ').Length == 0)
        {
            return null;
        }

        string first = lines.Raw[at];
        int blockIndent = first.Length - first.TrimStart(' ').Length;
        if (blockIndent <= indent)
        {
            return null;
        }

        var parts = new List<string>();
        for (; at < lines.Count; at++)
        {
            string line = lines.Raw[at];
            int lineIndent = line.Length - line.TrimStart(' ').Length;
            if (lineIndent == line.Length || lineIndent < blockIndent)
            {
                // A blank line or a less indented one ends the block (text after a blank line is refused by the caller).
                break;
            }

            if (lineIndent > blockIndent || line[^1] == ' ' || !IsPrintable(line))
            {
                return null;
            }

            parts.Add(line[blockIndent..]);
        }

        // Blank lines and comments after it: one with spaces past the block's indentation, or a '#' at it, is the
        // block's text in YAML.
        for (int k = at; k < lines.Count && lines.Indent[k] < 0; k++)
        {
            string line = lines.Raw[k];
            int spaces = line.Length - line.TrimStart(' ').Length;
            if (spaces >= blockIndent && (spaces < line.Length || line.Length > blockIndent))
            {
                return null;
            }
        }

        // Clipped: the line break after the last line, when there is one.
        bool clipped = header.Length == 1 && at < lines.Count;
        string value = string.Join(header[0] == '|' ? '\n' : ' ', parts) + (clipped ? "\n" : string.Empty);
        return new YamlScalarNode(value) { Style = header[0] == '|' ? ScalarStyle.Literal : ScalarStyle.Folded };
    }

    /// <summary>A one-line scalar of the subset, or null; <paramref name="commented"/> when a comment followed it.</summary>
    private static YamlScalarNode? ReadScalar(string value, out bool commented)
    {
        commented = false;
        if (value.Length == 0 || !IsPrintable(value))
        {
            return null;
        }

        char first = value[0];
        if (first == '"')
        {
            // No escapes and no inner quote: the text between the quotes is the value.
            return value.Length >= 2 && value[^1] == '"' && value.AsSpan(1, value.Length - 2).IndexOfAny('"', '\\') < 0
                ? new YamlScalarNode(value[1..^1]) { Style = ScalarStyle.DoubleQuoted }
                : null;
        }

        if (first == '\'')
        {
            string inner = value.Length >= 2 && value[^1] == '\'' ? value[1..^1] : "'";
            return inner.Replace("''", string.Empty, StringComparison.Ordinal).Contains('\'')
                ? null
                : new YamlScalarNode(inner.Replace("''", "'", StringComparison.Ordinal)) { Style = ScalarStyle.SingleQuoted };
        }

        // Plain text YAML can only read as itself: it starts with a letter, digit or one of / ( $ _ (no indicator), and
        // holds no ": " (a nested key) and does not end with ':'. A " #" starts a comment, which ends the value.
        int comment = value.IndexOf(" #", StringComparison.Ordinal);
        if (comment > 0)
        {
            value = value[..comment].TrimEnd(' ');
            commented = true;
        }

        if (!(char.IsLetterOrDigit(first) || first is '/' or '(' or '$' or '_') || value[^1] == ':' || value.Contains(": ", StringComparison.Ordinal))
        {
            return null;
        }

        return new YamlScalarNode(value) { Style = ScalarStyle.Plain };
    }

    /// <summary>
    /// A flow sequence on one line of words (letters, digits, spaces, and . / _ - inside): [] or [a, b c]; else null.
    /// </summary>
    private static YamlSequenceNode? ReadFlowWords(string value)
    {
        if (value.Length < 2 || value[0] != '[' || value[^1] != ']')
        {
            return null;
        }

        var sequence = new YamlSequenceNode { Style = SequenceStyle.Flow };
        string inner = value[1..^1];
        if (inner.Trim(' ').Length == 0)
        {
            return sequence;
        }

        foreach (string part in inner.Split(','))
        {
            string word = part.Trim(' ');
            if (word.Length == 0 || !char.IsAsciiLetterOrDigit(word[0]) || !word.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or '/' or '_' or '-'))
            {
                return null;
            }

            sequence.Add(new YamlScalarNode(word) { Style = ScalarStyle.Plain });
        }

        return sequence;
    }

    // No tab, control character, line or paragraph separator, BOM, non-character or surrogate (YAML reads some as
    // breaks or refuses them).
    private static bool IsPrintable(string text)
    {
        foreach (char c in text)
        {
            if (c < ' ' || c is >= '\u007F' and <= '\u009F' || c is '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF' || char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    // A key of letters, digits, '_' and '-', as YAML reads it in one line (YamlDotNet refuses implicit keys over 1,024 characters).
    private static bool IsPlainKey(ReadOnlySpan<char> key)
    {
        if (key.Length > 1000 || !char.IsAsciiLetter(key[0]) && key[0] != '_')
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
}
