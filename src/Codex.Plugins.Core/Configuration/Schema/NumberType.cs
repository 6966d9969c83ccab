namespace Codex.Plugins.Configuration.Schema;

/// <summary>A float; serde takes an integer for it as well.</summary>
public sealed class NumberType : ConfigValueType
{
    internal override string Expected => "f64";

    public override IEnumerable<SchemaProblem> Check(TomlNode node, string path) =>
        node is TomlValueNode { Value: long or double } ? Enumerable.Empty<SchemaProblem>() : Mismatch(node, path);
}
