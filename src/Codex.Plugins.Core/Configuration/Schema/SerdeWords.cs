using System.Globalization;
using Codex.Plugins.Masking;

namespace Codex.Plugins.Configuration.Schema;

/// <summary>How serde names a value it did not expect; string values are masked, since a secret can be mistyped too.</summary>
internal static class SerdeWords
{
    public static string Unexpected(TomlNode node) => node switch
    {
        TomlValueNode { IsDateTime: true } => "datetime",
        TomlValueNode { Value: string s } => $"string \"{SecretText.Mask(s)}\"",
        TomlValueNode { Value: long l } => $"integer `{l.ToString(CultureInfo.InvariantCulture)}`",
        TomlValueNode { Value: double d } => $"floating point `{d.ToString("R", CultureInfo.InvariantCulture)}`",
        TomlValueNode { Value: bool b } => $"boolean `{(b ? "true" : "false")}`",
        TomlArrayNode => "sequence",
        TomlTableNode => "map",
        _ => "value",
    };

    /// <summary>serde's list of the variants it knows: "`a`", "`a` or `b`", "one of `a`, `b`, `c`".</summary>
    public static string Variants(IReadOnlyList<string> values) => values.Count switch
    {
        1 => $"`{values[0]}`",
        2 => $"`{values[0]}` or `{values[1]}`",
        _ => "one of " + string.Join(", ", values.Select(v => $"`{v}`")),
    };
}
