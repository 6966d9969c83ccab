using System.Text;

namespace Codex.Plugins.Configuration;

/// <summary>Dotted TOML key paths as people write them: bare segments where allowed, quoted otherwise.</summary>
public static class TomlKey
{
    public static bool IsBare(string segment)
    {
        if (segment.Length == 0)
        {
            return false;
        }

        foreach (char c in segment)
        {
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    public static string Quote(string segment)
    {
        if (IsBare(segment))
        {
            return segment;
        }

        var sb = new StringBuilder(segment.Length + 2).Append('"');
        foreach (char c in segment)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4"));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    public static string Join(IEnumerable<string> segments) => string.Join('.', segments.Select(Quote));

    /// <summary>
    /// Whether the dotted <paramref name="key"/> (as <see cref="Join"/> writes it) is <paramref name="wanted"/> as a
    /// user types it (quoted parts and all) or lies under it.
    /// </summary>
    public static bool Covers(string wanted, string key)
    {
        string normalized = Join(Split(wanted));
        return string.Equals(key, normalized, StringComparison.Ordinal) || key.StartsWith(normalized + ".", StringComparison.Ordinal);
    }

    /// <summary>Splits a dotted key such as <c>plugins."github@team".enabled</c> into its segments.</summary>
    public static IReadOnlyList<string> Split(string dotted)
    {
        var segments = new List<string>();
        var current = new StringBuilder();
        int i = 0;
        while (i < dotted.Length)
        {
            char c = dotted[i];
            if (c == '"' || c == '\'')
            {
                char quote = c;
                i++;
                while (i < dotted.Length && dotted[i] != quote)
                {
                    if (quote == '"' && dotted[i] == '\\' && i + 1 < dotted.Length)
                    {
                        i++;
                        current.Append(dotted[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', var other => other });
                    }
                    else
                    {
                        current.Append(dotted[i]);
                    }

                    i++;
                }

                if (i >= dotted.Length)
                {
                    throw new FormatException($"Unterminated quote in key '{dotted}'.");
                }

                i++;
            }
            else if (c == '.')
            {
                segments.Add(current.ToString().Trim());
                current.Clear();
                i++;
            }
            else
            {
                current.Append(c);
                i++;
            }
        }

        segments.Add(current.ToString().Trim());
        if (segments.Any(s => s.Length == 0) && !dotted.Contains('"') && !dotted.Contains('\''))
        {
            throw new FormatException($"Empty segment in key '{dotted}'.");
        }

        return segments;
    }
}
