using System.Globalization;

namespace Codex.Plugins.Configuration;

/// <summary>Where a value was written: the file, and the 1-based line and column of its key.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>
/// A TOML value read from one file, with the place it was written. The engine reads every config layer into these
/// nodes so that every effective value can say which file and line it came from.
/// </summary>
public abstract class TomlNode
{
    protected TomlNode(SourceLocation location)
    {
        Location = location;
    }

    public SourceLocation Location { get; }

    /// <summary>The plain .NET value: string, long, double, bool, date string, object[] or an ordered dictionary.</summary>
    public abstract object? ToPlainValue();
}

/// <summary>A table, standard, dotted or inline; keys keep the order they were written in.</summary>
public sealed class TomlTableNode : TomlNode
{
    private readonly Dictionary<string, TomlNode> items = new(StringComparer.Ordinal);
    private readonly List<string> order = new();

    public TomlTableNode(SourceLocation location, bool isInline = false)
        : base(location)
    {
        IsInline = isInline;
    }

    public bool IsInline { get; }

    public int Count => order.Count;

    public IEnumerable<string> Keys => order;

    public IEnumerable<KeyValuePair<string, TomlNode>> Items => order.Select(k => new KeyValuePair<string, TomlNode>(k, items[k]));

    public TomlNode? this[string key] => items.TryGetValue(key, out var node) ? node : null;

    public bool TryGet(string key, out TomlNode node) => items.TryGetValue(key, out node!);

    public void Set(string key, TomlNode node)
    {
        if (!items.ContainsKey(key))
        {
            order.Add(key);
        }

        items[key] = node;
    }

    public TomlTableNode? Table(string key) => this[key] as TomlTableNode;

    public string? String(string key) => (this[key] as TomlValueNode)?.Value as string;

    public override object? ToPlainValue()
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var key in order)
        {
            result[key] = items[key].ToPlainValue();
        }

        return result;
    }
}

/// <summary>An array of values, or an array of tables (<c>[[x]]</c>).</summary>
public sealed class TomlArrayNode : TomlNode
{
    public TomlArrayNode(SourceLocation location, IReadOnlyList<TomlNode> items, bool isTableArray = false)
        : base(location)
    {
        Items = items;
        IsTableArray = isTableArray;
    }

    public IReadOnlyList<TomlNode> Items { get; }

    public bool IsTableArray { get; }

    public override object? ToPlainValue() => Items.Select(i => i.ToPlainValue()).ToArray();
}

/// <summary>A scalar: string, long, double, bool, or a date-time kept as its TOML text.</summary>
public sealed class TomlValueNode : TomlNode
{
    public TomlValueNode(SourceLocation location, object value, bool isDateTime = false)
        : base(location)
    {
        Value = value;
        IsDateTime = isDateTime;
    }

    public object Value { get; }

    /// <summary>A TOML date, time or date-time, kept as the text written in the file.</summary>
    public bool IsDateTime { get; }

    public override object? ToPlainValue() => Value;

    public override string ToString() => Value switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Value.ToString() ?? string.Empty,
    };
}
