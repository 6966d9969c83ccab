namespace Codex.Plugins.Configuration;

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
