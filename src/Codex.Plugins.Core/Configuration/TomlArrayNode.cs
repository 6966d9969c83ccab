namespace Codex.Plugins.Configuration;

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
