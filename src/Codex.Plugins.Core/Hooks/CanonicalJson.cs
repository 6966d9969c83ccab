using System.Globalization;
using System.Text;

namespace Codex.Plugins.Hooks;

/// <summary>
/// Compact JSON with every object's keys sorted, byte for byte as serde_json writes it: only '"', '\' and control
/// characters are escaped (\b \f \n \r \t, else \u00xx in lower case), everything else is raw UTF-8. Codex hashes
/// exactly these bytes, so any difference here changes the trust hash.
/// </summary>
internal static class CanonicalJson
{
    public static string Write(object? value)
    {
        var sb = new StringBuilder();
        Append(sb, value);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case string s:
                AppendString(sb, s);
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case long or int or ulong:
                sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case double d:
                // serde_json writes floats in their shortest round-trip form; whole numbers keep a ".0".
                string text = d.ToString("R", CultureInfo.InvariantCulture);
                sb.Append(text.Contains('.') || text.Contains('E') ? text : text + ".0");
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                sb.Append('{');
                bool first = true;
                // serde_json's Map is a BTreeMap<String, _>: keys ordered by their UTF-8 bytes.
                foreach (var (key, item) in map.OrderBy(p => p.Key, Utf8Order.Instance))
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    AppendString(sb, key);
                    sb.Append(':');
                    Append(sb, item);
                }

                sb.Append('}');
                break;
            case System.Collections.IEnumerable list:
                sb.Append('[');
                bool head = true;
                foreach (object? item in list)
                {
                    if (!head)
                    {
                        sb.Append(',');
                    }

                    head = false;
                    Append(sb, item);
                }

                sb.Append(']');
                break;
            default:
                throw new ArgumentException($"Cannot write a {value.GetType().Name} as canonical JSON.", nameof(value));
        }
    }

    private static void AppendString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }

    private sealed class Utf8Order : IComparer<string>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(string? x, string? y) =>
            Encoding.UTF8.GetBytes(x ?? string.Empty).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y ?? string.Empty));
    }
}
