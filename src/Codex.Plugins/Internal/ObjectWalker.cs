using System.Collections;
using System.Collections.Specialized;

namespace Codex.Plugins.Internal;

/// <summary>
/// Walks pipeline objects for the masking cmdlets: strings, hashtables and dictionaries, arrays and lists, and the
/// properties of any object (PSCustomObject or .NET), to a fixed depth and without following a reference twice. For
/// Find-CodexSecret it hands each string with its property path to the engine; for Protect-CodexData it builds a
/// masked copy of the same shape (type names kept, so the object's views still apply).
/// </summary>
internal static class ObjectWalker
{
    private const int MaxDepth = 16;

    /// <summary>Every string under the object, with its path (<c>InputObject.env.TOKEN</c>, <c>InputObject[2]</c>).</summary>
    public static void VisitStrings(object? value, string path, Action<string, string> visit) =>
        Visit(value, path, visit, new HashSet<object>(ReferenceEqualityComparer.Instance), 0);

    private static void Visit(object? value, string path, Action<string, string> visit, HashSet<object> seen, int depth)
    {
        object? item = value is PSObject ps ? ps.BaseObject : value;
        if (item is null || depth > MaxDepth)
        {
            return;
        }

        switch (item)
        {
            case string s:
                visit(path, s);
                return;
            case char or bool or ValueType:
                return;
        }

        if (!seen.Add(item))
        {
            return;
        }

        switch (item)
        {
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    string key = entry.Key?.ToString() ?? string.Empty;
                    visit(path + ".(key)", key);
                    Visit(entry.Value, path + "." + key, visit, seen, depth + 1);
                }

                return;
            case IEnumerable sequence when item is not PSCustomObject:
                int i = 0;
                foreach (object? element in sequence)
                {
                    Visit(element, $"{path}[{i++}]", visit, seen, depth + 1);
                }

                return;
        }

        foreach (PSPropertyInfo property in PSObject.AsPSObject(value!).Properties)
        {
            if (property.MemberType is not (PSMemberTypes.Property or PSMemberTypes.NoteProperty) || !property.IsGettable)
            {
                continue;
            }

            object? propertyValue;
            try
            {
                propertyValue = property.Value;
            }
            catch (GetValueException)
            {
                continue;
            }

            Visit(propertyValue, path + "." + property.Name, visit, seen, depth + 1);
        }
    }

    /// <summary>A copy of the object with every string passed through <paramref name="mask"/> (key name, value).</summary>
    public static object? Mask(object? value, Func<string?, string, string> mask) =>
        MaskCore(value, null, mask, new Dictionary<object, object?>(ReferenceEqualityComparer.Instance), 0);

    private static object? MaskCore(object? value, string? key, Func<string?, string, string> mask, Dictionary<object, object?> done, int depth)
    {
        PSObject? wrapper = value as PSObject;
        object? item = wrapper is not null ? wrapper.BaseObject : value;
        if (item is null)
        {
            return null;
        }

        if (item is string s)
        {
            return mask(key, s);
        }

        if (item is ValueType || depth > MaxDepth)
        {
            return value;
        }

        if (done.TryGetValue(item, out object? copy))
        {
            return copy;
        }

        switch (item)
        {
            case IDictionary dictionary:
                IDictionary result = dictionary is OrderedDictionary || dictionary.GetType().Name == "OrderedHashtable" ? new OrderedDictionary() : new Hashtable(StringComparer.OrdinalIgnoreCase);
                done[item] = result;
                foreach (DictionaryEntry entry in dictionary)
                {
                    object entryKey = entry.Key is string k ? mask(null, k) : entry.Key!;
                    result[entryKey] = MaskCore(entry.Value, entry.Key?.ToString(), mask, done, depth + 1);
                }

                return result;
            case IEnumerable sequence when item is not PSCustomObject:
                var list = new List<object?>();
                done[item] = list;
                foreach (object? element in sequence)
                {
                    list.Add(MaskCore(element, key, mask, done, depth + 1));
                }

                return list.ToArray();
        }

        var source = PSObject.AsPSObject(value!);
        var masked = new PSObject();
        done[item] = masked;
        masked.TypeNames.Clear();
        foreach (string typeName in source.TypeNames)
        {
            masked.TypeNames.Add(typeName);
        }

        foreach (PSPropertyInfo property in source.Properties)
        {
            if (property.MemberType is not (PSMemberTypes.Property or PSMemberTypes.NoteProperty) || !property.IsGettable)
            {
                continue;
            }

            object? propertyValue;
            try
            {
                propertyValue = property.Value;
            }
            catch (GetValueException)
            {
                continue;
            }

            masked.Properties.Add(new PSNoteProperty(property.Name, MaskCore(propertyValue, property.Name, mask, done, depth + 1)));
        }

        return masked;
    }
}
