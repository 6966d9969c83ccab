namespace Codex.Plugins.Configuration.Schema;

/// <summary>
/// An externally tagged Rust enum: a variant's name as a string, or a table keyed by a variant that carries data
/// (approval_policy = "never" or { granular = { ... } }; an OTel exporter "none" or { otlp-http = { ... } }).
/// </summary>
public sealed class EnumOrTableType : ConfigValueType
{
    private readonly EnumType names;
    private readonly TableType variants;

    public EnumOrTableType(EnumType names, TableType variants)
    {
        this.names = names;
        this.variants = variants;
    }

    internal override string Expected => names.Expected;

    public override IEnumerable<SchemaProblem> Check(TomlNode node, string path) =>
        node is TomlTableNode ? variants.Check(node, path) : names.Check(node, path);
}
