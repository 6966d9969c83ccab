namespace Codex.Plugins.Configuration.Schema;

/// <summary>
/// A table with known fields. Unknown fields are ignored, as Codex ignores them; <paramref name="required"/> are the
/// fields serde needs ("missing field `command`").
/// </summary>
public sealed class TableType : ConfigValueType
{
    private readonly Dictionary<string, ConfigValueType> fields;
    private readonly string[] required;
    private readonly Func<TomlTableNode, IEnumerable<string>>? requiredWhen;

    public TableType(IEnumerable<(string Key, ConfigValueType Type)> fields, params string[] required)
        : this(fields, null, required)
    {
    }

    /// <param name="requiredWhen">Fields one variant needs (a hook of type command needs its command).</param>
    public TableType(IEnumerable<(string Key, ConfigValueType Type)> fields, Func<TomlTableNode, IEnumerable<string>>? requiredWhen, params string[] required)
    {
        this.fields = fields.ToDictionary(f => f.Key, f => f.Type, StringComparer.Ordinal);
        this.required = required;
        this.requiredWhen = requiredWhen;
    }

    internal override string Expected => "a map";

    public override IEnumerable<SchemaProblem> Check(TomlNode node, string path)
    {
        if (node is not TomlTableNode table)
        {
            foreach (var mismatch in Mismatch(node, path))
            {
                yield return mismatch;
            }

            yield break;
        }

        foreach (string field in required.Concat(requiredWhen?.Invoke(table) ?? Enumerable.Empty<string>()).Where(f => table[f] is null))
        {
            yield return new SchemaProblem($"missing field `{field}`", table, path);
        }

        foreach (var (key, value) in table.Items)
        {
            if (fields.TryGetValue(key, out ConfigValueType? type))
            {
                foreach (var problem in type.Check(value, Child(path, key)))
                {
                    yield return problem;
                }
            }
        }
    }

    internal static string Child(string path, string key) => path.Length == 0 ? TomlKey.Quote(key) : $"{path}.{TomlKey.Quote(key)}";
}
