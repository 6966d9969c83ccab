namespace Codex.Plugins.Configuration.Schema;

/// <summary>
/// An untagged Rust enum: the value must match one of the alternatives, else serde says only that it matched none
/// ("data did not match any variant of untagged enum Notifications").
/// </summary>
public sealed class UntaggedType : ConfigValueType
{
    private readonly string rustName;
    private readonly ConfigValueType[] alternatives;

    public UntaggedType(string rustName, params ConfigValueType[] alternatives)
    {
        this.rustName = rustName;
        this.alternatives = alternatives;
    }

    internal override string Expected => rustName;

    public override IEnumerable<SchemaProblem> Check(TomlNode node, string path) =>
        alternatives.Any(a => !a.Check(node, path).Any())
            ? Enumerable.Empty<SchemaProblem>()
            : new[] { new SchemaProblem($"data did not match any variant of untagged enum {rustName}", node, path) };
}
