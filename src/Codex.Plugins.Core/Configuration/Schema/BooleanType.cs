namespace Codex.Plugins.Configuration.Schema;

public sealed class BooleanType : ConfigValueType
{
    internal override string Expected => "a boolean";

    public override IEnumerable<SchemaProblem> Check(TomlNode node, string path) =>
        node is TomlValueNode { Value: bool } ? Enumerable.Empty<SchemaProblem>() : Mismatch(node, path);
}
