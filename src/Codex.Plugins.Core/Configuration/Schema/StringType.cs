namespace Codex.Plugins.Configuration.Schema;

/// <summary>A string. A TOML date is accepted too: Codex reads it as its text (checked with model = 1979-05-27).</summary>
public sealed class StringType : ConfigValueType
{
    internal override string Expected => "a string";

    public override IEnumerable<SchemaProblem> Check(TomlNode node, string path) =>
        node is TomlValueNode { Value: string } ? Enumerable.Empty<SchemaProblem>() : Mismatch(node, path);
}
