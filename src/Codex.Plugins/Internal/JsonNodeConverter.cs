using System.Collections;
using System.Text.Json.Nodes;

namespace Codex.Plugins.Commands;

/// <summary>
/// Parameter values (hashtables, PSCustomObjects, arrays, scalars, or JSON text) as JSON nodes: the binding half of
/// -ToolInput and -InputObject. Strings that hold a JSON object or array are taken as JSON.
/// </summary>
internal static class JsonNodeConverter
{
    public static JsonNode? From(object? value, bool parseJsonText)
    {
        value = value is PSObject ps && ps.BaseObject is not PSCustomObject ? ps.BaseObject : value;
        switch (value)
        {
            case null:
                return null;
            case string s when parseJsonText && (s.TrimStart().StartsWith('{') || s.TrimStart().StartsWith('[')):
                return JsonNode.Parse(s);
            case string s:
                return JsonValue.Create(s);
            case bool b:
                return JsonValue.Create(b);
            case int or long or short or byte:
                return JsonValue.Create(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
            case double or float or decimal:
                return JsonValue.Create(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
            case IDictionary map:
                var o = new JsonObject();
                foreach (DictionaryEntry e in map)
                {
                    o[Convert.ToString(e.Key, System.Globalization.CultureInfo.InvariantCulture)!] = From(e.Value, parseJsonText: false);
                }

                return o;
            case PSObject custom:
                var p = new JsonObject();
                foreach (PSPropertyInfo property in custom.Properties)
                {
                    p[property.Name] = From(property.Value, parseJsonText: false);
                }

                return p;
            case IEnumerable list:
                var a = new JsonArray();
                foreach (object? item in list)
                {
                    a.Add(From(item, parseJsonText: false));
                }

                return a;
            default:
                return JsonValue.Create(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
