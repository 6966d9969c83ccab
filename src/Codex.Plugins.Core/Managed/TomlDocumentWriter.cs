using System.Collections;
using System.Globalization;
using System.Text;
using Codex.Plugins.Configuration.Editing;

namespace Codex.Plugins.Managed;

/// <summary>
/// Writes a tree of plain values (dictionaries, lists, strings, booleans, integers) as a TOML 1.0 document: scalars
/// and arrays of scalars first, then each table under its own [header], lists of tables as [[header]]. Key order is the
/// order given, so the same policy always gives the same bytes (and the same hash on every machine).
/// </summary>
internal static class TomlDocumentWriter
{
    public static string Write(IReadOnlyDictionary<string, object?> root, string? headerComment = null)
    {
        var text = new StringBuilder();
        if (headerComment is not null)
        {
            foreach (string line in headerComment.Split('\n'))
            {
                text.Append("# ").Append(line.TrimEnd()).Append('\n');
            }
        }

        WriteTableBody(text, root, new List<string>());
        return text.ToString();
    }

    private static void WriteTableBody(StringBuilder text, IReadOnlyDictionary<string, object?> table, List<string> path)
    {
        foreach (var (key, value) in table)
        {
            if (value is null || IsTable(value) || IsTableList(value))
            {
                continue;
            }

            text.Append(TomlEditValue.QuoteKey(key)).Append(" = ").Append(Scalar(value)).Append('\n');
        }

        foreach (var (key, value) in table)
        {
            if (value is IReadOnlyDictionary<string, object?> child)
            {
                var childPath = new List<string>(path) { key };
                // A table with only sub-tables still gets its header when it is empty: an empty [mcp_servers] means
                // "no server is allowed", which differs from no table at all.
                if (child.Count == 0 || child.Values.Any(v => v is not null && !IsTable(v) && !IsTableList(v)))
                {
                    text.Append('\n').Append('[').Append(TomlEditValue.JoinKey(childPath)).Append("]\n");
                }

                WriteTableBody(text, child, childPath);
            }
            else if (IsTableList(value!))
            {
                var childPath = new List<string>(path) { key };
                foreach (IReadOnlyDictionary<string, object?> item in (IEnumerable)value!)
                {
                    text.Append('\n').Append("[[").Append(TomlEditValue.JoinKey(childPath)).Append("]]\n");
                    WriteTableBody(text, item, childPath);
                }
            }
        }
    }

    private static bool IsTable(object value) => value is IReadOnlyDictionary<string, object?>;

    private static bool IsTableList(object value) =>
        value is IReadOnlyList<object?> { Count: > 0 } list && list.All(i => i is IReadOnlyDictionary<string, object?>);

    private static string Scalar(object value) => value switch
    {
        string s => TomlEditValue.QuoteString(s),
        bool b => b ? "true" : "false",
        long or int or short or byte => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        double d => TomlEditValue.Float(d).ToToml(),
        IReadOnlyDictionary<string, object?> inline => "{ " + string.Join(", ", inline.Select(kv => TomlEditValue.QuoteKey(kv.Key) + " = " + Scalar(kv.Value!))) + " }",
        IReadOnlyList<object?> list => "[" + string.Join(", ", list.Select(i => Scalar(i!))) + "]",
        _ => throw new ArgumentException($"A {value.GetType().Name} cannot be written as a TOML value."),
    };
}
