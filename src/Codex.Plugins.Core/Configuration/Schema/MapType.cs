namespace Codex.Plugins.Configuration.Schema;

/// <summary>A table of user-named entries that all have one type (profiles, projects, apps, agent roles).</summary>
public sealed class MapType : ConfigValueType
{
    private readonly HashSet<string> reserved;

    /// <param name="value">The type of every entry.</param>
    /// <param name="reserved">Keys that are fields of the map itself (typed in a TableType beside it), not entries.</param>
    public MapType(ConfigValueType value, params string[] reserved)
    {
        Value = value;
        this.reserved = new HashSet<string>(reserved, StringComparer.Ordinal);
    }

    public ConfigValueType Value { get; }

    internal override string Expected => "a map";

    public override IEnumerable<SchemaProblem> Check(TomlNode node, string path) =>
        node is TomlTableNode table
            ? table.Items.Where(i => !reserved.Contains(i.Key)).SelectMany(i => Value.Check(i.Value, TableType.Child(path, i.Key)))
            : Mismatch(node, path);
}
