namespace Codex.Plugins.Configuration.Schema;

public sealed class ArrayType : ConfigValueType
{
    public ArrayType(ConfigValueType item) => Item = item;

    public ConfigValueType Item { get; }

    internal override string Expected => "a sequence";

    public override IEnumerable<SchemaProblem> Check(TomlNode node, string path) =>
        node is TomlArrayNode array
            ? array.Items.SelectMany((item, i) => Item.Check(item, $"{path}[{i}]"))
            : Mismatch(node, path);
}
