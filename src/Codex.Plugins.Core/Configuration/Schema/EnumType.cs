using Codex.Plugins.Masking;

namespace Codex.Plugins.Configuration.Schema;

/// <summary>A string from a closed set (a Rust enum of unit variants).</summary>
public sealed class EnumType : ConfigValueType
{
    public EnumType(params string[] values) => Values = values;

    public IReadOnlyList<string> Values { get; }

    internal override string Expected => "a string";

    public override IEnumerable<SchemaProblem> Check(TomlNode node, string path)
    {
        if (node is not TomlValueNode { Value: string value, IsDateTime: false })
        {
            return Mismatch(node, path);
        }

        return Values.Contains(value, StringComparer.Ordinal)
            ? Enumerable.Empty<SchemaProblem>()
            : new[] { new SchemaProblem($"unknown variant `{SecretText.Mask(value)}`, expected {SerdeWords.Variants(Values)}", node, path) };
    }
}
