using System.Collections;

namespace Codex.Plugins.Commands;

/// <summary>
/// Values bound from PowerShell (hashtables that may hold PSObject-wrapped values, arrays of them) as plain .NET
/// values the engine can read without System.Management.Automation.
/// </summary>
internal static class PlainValue
{
    public static object? Unwrap(object? value) => value switch
    {
        null => null,
        PSObject { BaseObject: PSCustomObject } pso => FromProperties(pso),
        PSObject pso => Unwrap(pso.BaseObject),
        string s => s,
        IDictionary d => UnwrapTable(d),
        IEnumerable e => e.Cast<object?>().Select(Unwrap).ToArray(),
        _ => value,
    };

    /// <summary>A table of names and values (an -Environment hashtable) as strings, read the invariant way; null is empty.</summary>
    public static IReadOnlyDictionary<string, string> ToStringMap(IDictionary? table) =>
        (table ?? new Hashtable()).Cast<DictionaryEntry>().ToDictionary(
            e => Convert.ToString(e.Key, System.Globalization.CultureInfo.InvariantCulture)!,
            e => Convert.ToString(e.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);

    public static Hashtable? UnwrapTable(IDictionary? table)
    {
        if (table is null)
        {
            return null;
        }

        var result = new Hashtable(StringComparer.Ordinal);
        foreach (DictionaryEntry e in table)
        {
            result[Unwrap(e.Key)?.ToString() ?? string.Empty] = Unwrap(e.Value);
        }

        return result;
    }

    private static Hashtable FromProperties(PSObject pso)
    {
        var result = new Hashtable(StringComparer.Ordinal);
        foreach (PSPropertyInfo p in pso.Properties)
        {
            result[p.Name] = Unwrap(p.Value);
        }

        return result;
    }
}
