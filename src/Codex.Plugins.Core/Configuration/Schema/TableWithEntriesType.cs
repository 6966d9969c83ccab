namespace Codex.Plugins.Configuration.Schema;

/// <summary>Both a table's own fields and its user-named entries (for example [agents] max_threads beside [agents.reviewer]).</summary>
public sealed class TableWithEntriesType : ConfigValueType
{
    private readonly TableType fields;
    private readonly MapType entries;

    public TableWithEntriesType(IEnumerable<(string Key, ConfigValueType Type)> fields, ConfigValueType entry)
    {
        var list = fields.ToList();
        this.fields = new TableType(list);
        entries = new MapType(entry, list.Select(f => f.Key).ToArray());
    }

    internal override string Expected => "a map";

    public override IEnumerable<SchemaProblem> Check(TomlNode node, string path) =>
        node is TomlTableNode ? fields.Check(node, path).Concat(entries.Check(node, path)) : Mismatch(node, path);
}
