using System.Globalization;

namespace Codex.Plugins.Configuration.Schema;

/// <summary>An integer; unsigned ones refuse a negative value ("invalid value: integer `-1`, expected u64").</summary>
public sealed class IntegerType : ConfigValueType
{
    private readonly bool unsigned;

    public IntegerType(bool unsigned) => this.unsigned = unsigned;

    internal override string Expected => unsigned ? "u64" : "i64";

    public override IEnumerable<SchemaProblem> Check(TomlNode node, string path)
    {
        if (node is not TomlValueNode { Value: long value })
        {
            return Mismatch(node, path);
        }

        return unsigned && value < 0
            ? new[] { new SchemaProblem($"invalid value: integer `{value.ToString(CultureInfo.InvariantCulture)}`, expected u64", node, path) }
            : Enumerable.Empty<SchemaProblem>();
    }
}
