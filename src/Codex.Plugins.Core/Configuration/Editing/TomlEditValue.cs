using System.Globalization;
using System.Text;

namespace Codex.Plugins.Configuration.Editing;

/// <summary>
/// A value ConfigEdit can write: a string, a boolean, an integer, a float or an array of strings. Rendered as TOML 1.0
/// text (basic strings with escapes, no TOML 1.1 forms), so older Codex versions and other tools read what we write.
/// </summary>
public sealed class TomlEditValue : IEquatable<TomlEditValue>
{
    private TomlEditValue(object value) => Value = value;

    /// <summary>string, bool, long, double or string[].</summary>
    public object Value { get; }

    public static TomlEditValue String(string value) => new(value ?? throw new ArgumentNullException(nameof(value)));

    public static TomlEditValue Boolean(bool value) => new(value);

    public static TomlEditValue Integer(long value) => new(value);

    public static TomlEditValue Float(double value) => new(value);

    public static TomlEditValue StringArray(IEnumerable<string> values) => new(values.ToArray());

    /// <summary>
    /// A nested value written inline (an array of inline tables, as a hook entry <c>[{ hooks = [{ type = "command", ... }] }]</c>):
    /// strings, booleans, integers, floats, lists and string-keyed dictionaries, as TomlNode.ToPlainValue gives them.
    /// </summary>
    public static TomlEditValue Inline(object plain) => new(new InlineValue(plain));

    public static implicit operator TomlEditValue(string value) => String(value);

    public static implicit operator TomlEditValue(bool value) => Boolean(value);

    public static implicit operator TomlEditValue(long value) => Integer(value);

    public static implicit operator TomlEditValue(string[] value) => StringArray(value);

    /// <summary>The TOML 1.0 text of the value.</summary>
    public string ToToml() => Value switch
    {
        string s => QuoteString(s),
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FloatText(d),
        string[] a => "[" + string.Join(", ", a.Select(QuoteString)) + "]",
        InlineValue inline => RenderInline(inline.Plain),
        _ => throw new InvalidOperationException($"Unsupported value type {Value.GetType()}."),
    };

    /// <summary>True when a value as read (TomlNode plain value) is this value, so that setting it changes nothing.</summary>
    public bool SameAs(object? plain) => (Value, plain) switch
    {
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (bool a, bool b) => a == b,
        (long a, long b) => a == b,
        (double a, double b) => a.Equals(b),
        (InlineValue a, not null) => TryRender(plain, out string? other) && string.Equals(RenderInline(a.Plain), other, StringComparison.Ordinal),
        (string[] a, object[] b) => a.Length == b.Length && a.Zip(b).All(p => p.Second is string s && string.Equals(p.First, s, StringComparison.Ordinal)),
        _ => false,
    };

    public bool Equals(TomlEditValue? other) => other is not null && SameAs(other.Value switch
    {
        string[] a => a.Cast<object>().ToArray(),
        InlineValue i => i.Plain,
        var v => v,
    });

    private sealed record InlineValue(object Plain);

    private static bool TryRender(object? plain, out string? text)
    {
        try
        {
            text = plain is null ? null : RenderInline(plain);
            return text is not null;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    private static string RenderInline(object plain) => plain switch
    {
        string s => QuoteString(s),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FloatText(d),
        System.Collections.IDictionary map => "{ " + string.Join(", ", map.Keys.Cast<object>().Select(k => QuoteKey(k.ToString()!) + " = " + RenderInline(map[k] ?? throw new InvalidOperationException("null in an inline table")))) + " }",
        System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object>().Select(RenderInline)) + "]",
        _ => throw new InvalidOperationException($"Unsupported inline value type {plain.GetType()}."),
    };

    public override bool Equals(object? obj) => Equals(obj as TomlEditValue);

    public override int GetHashCode() => ToToml().GetHashCode(StringComparison.Ordinal);

    public override string ToString() => ToToml();

    /// <summary>A TOML 1.0 basic string: escapes for quote, backslash and every control character (\x is 1.1 only).</summary>
    public static string QuoteString(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    // Control characters must be escaped; U+FEFF too, since Codex refuses a BOM inside the file.
                    if (c < 0x20 || c == 0x7F || c == 0xFEFF)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
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

    /// <summary>A key segment: bare when TOML allows, else a basic string.</summary>
    public static string QuoteKey(string segment) => TomlKey.IsBare(segment) ? segment : QuoteString(segment);

    public static string JoinKey(IEnumerable<string> segments) => string.Join('.', segments.Select(QuoteKey));

    private static string FloatText(double d)
    {
        if (double.IsNaN(d))
        {
            return "nan";
        }

        if (double.IsPositiveInfinity(d))
        {
            return "inf";
        }

        if (double.IsNegativeInfinity(d))
        {
            return "-inf";
        }

        string text = d.ToString("R", CultureInfo.InvariantCulture);
        // TOML floats need a fraction or an exponent: 1 would read back as an integer.
        return text.Contains('.') || text.Contains('E') || text.Contains('e') ? text.Replace("E", "e", StringComparison.Ordinal) : text + ".0";
    }
}
