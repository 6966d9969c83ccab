using System.Text;

namespace Codex.Plugins.Skills;

/// <summary>Text rules Codex (written in Rust) applies, kept in one place so .NET's defaults never slip in.</summary>
internal static class SkillText
{
    /// <summary>Rust's str::split_whitespace joined by one space: what Codex does to name and description.</summary>
    public static string SingleLine(string raw)
    {
        var sb = new StringBuilder(raw.Length);
        foreach (string part in raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(part);
        }

        return sb.ToString();
    }

    /// <summary>Characters as Rust counts them (Unicode scalar values), not UTF-16 code units.</summary>
    public static int CharCount(string text)
    {
        int count = 0;
        foreach (char c in text)
        {
            if (!char.IsLowSurrogate(c))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The first <paramref name="chars"/> scalar values of the text.</summary>
    public static string Prefix(string text, int chars)
    {
        int seen = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsLowSurrogate(text[i]))
            {
                continue;
            }

            if (seen == chars)
            {
                return text[..i];
            }

            seen++;
        }

        return text;
    }

    /// <summary>UTF-8 byte count (the token estimate is bytes / 4, rounded up).</summary>
    public static int ByteCount(string text) => Encoding.UTF8.GetByteCount(text);

    /// <summary>Rust's String ordering: byte-wise UTF-8, which is code point order (not UTF-16 order).</summary>
    public static readonly IComparer<string> CodePointOrder = Comparer<string>.Create(CompareCodePoints);

    private static int CompareCodePoints(string? a, string? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null || b is null)
        {
            return a is null ? -1 : 1;
        }

        var ea = a.EnumerateRunes().GetEnumerator();
        var eb = b.EnumerateRunes().GetEnumerator();
        while (true)
        {
            bool ma = ea.MoveNext();
            bool mb = eb.MoveNext();
            if (!ma || !mb)
            {
                return ma == mb ? 0 : ma ? 1 : -1;
            }

            int c = ea.Current.Value.CompareTo(eb.Current.Value);
            if (c != 0)
            {
                return c;
            }
        }
    }

    /// <summary>Rust's str::lines: split on \n, drop one trailing \r per line, no empty last line.</summary>
    public static IEnumerable<string> Lines(string text)
    {
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf('\n', start);
            string line = end < 0 ? text[start..] : text[start..end];
            if (line.EndsWith('\r'))
            {
                line = line[..^1];
            }

            yield return line;
            if (end < 0)
            {
                yield break;
            }

            start = end + 1;
        }
    }

    /// <summary>Rust's str::trim (Unicode White_Space). Unlike old .NET, U+FEFF (a BOM) is not trimmed.</summary>
    public static string Trim(string text) => text.Trim();
}
