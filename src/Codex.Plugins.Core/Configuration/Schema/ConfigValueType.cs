using System.Globalization;
using Codex.Plugins.Masking;

namespace Codex.Plugins.Configuration.Schema;

/// <summary>
/// The type Codex deserializes one config.toml value into, and the check serde makes of it. A value of another type
/// fails the whole load ("failed to load bootstrap configuration"); keys Codex does not know are ignored, at every
/// level (checked against the binary), so only known keys are typed here.
/// </summary>
public abstract class ConfigValueType
{
    /// <summary>The problems of one value at <paramref name="path"/> (its dotted key).</summary>
    public abstract IEnumerable<SchemaProblem> Check(TomlNode node, string path);

    /// <summary>What serde says it expected ("a string", "i64", "a sequence", ...).</summary>
    internal abstract string Expected { get; }

    internal IEnumerable<SchemaProblem> Mismatch(TomlNode node, string path)
    {
        yield return new SchemaProblem($"invalid type: {SerdeWords.Unexpected(node)}, expected {Expected}", node, path);
    }
}

/// <summary>One refusal: serde's words, the value at fault and its dotted key.</summary>
public sealed record SchemaProblem(string Message, TomlNode Node, string Path);

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

/// <summary>A string. A TOML date is accepted too: Codex reads it as its text (checked with model = 1979-05-27).</summary>
public sealed class StringType : ConfigValueType
{
    internal override string Expected => "a string";

    public override IEnumerable<SchemaProblem> Check(TomlNode node, string path) =>
        node is TomlValueNode { Value: string } ? Enumerable.Empty<SchemaProblem>() : Mismatch(node, path);
}

public sealed class BooleanType : ConfigValueType
{
    internal override string Expected => "a boolean";

    public override IEnumerable<SchemaProblem> Check(TomlNode node, string path) =>
        node is TomlValueNode { Value: bool } ? Enumerable.Empty<SchemaProblem>() : Mismatch(node, path);
}

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

/// <summary>A float; serde takes an integer for it as well.</summary>
public sealed class NumberType : ConfigValueType
{
    internal override string Expected => "f64";

    public override IEnumerable<SchemaProblem> Check(TomlNode node, string path) =>
        node is TomlValueNode { Value: long or double } ? Enumerable.Empty<SchemaProblem>() : Mismatch(node, path);
}

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

/// <summary>A table of user-named entries that all have one type (profiles, projects, apps, agent roles).</summary>
public sealed class MapType : ConfigValueType
{
    private readonly HashSet<string> reserved;

    /// <param name="value">The type of every entry.</param>
    /// <param name="reserved">Keys that are fields of the map itself (typed in a TableType beside it), not entries.</param>
    public MapType(ConfigValueType value, params string[] reserved)
    {
        Value = value;
        this.reserved = new HashSet<string>(reserved, StringComparer.Ordinal);
    }

    public ConfigValueType Value { get; }

    internal override string Expected => "a map";

    public override IEnumerable<SchemaProblem> Check(TomlNode node, string path) =>
        node is TomlTableNode table
            ? table.Items.Where(i => !reserved.Contains(i.Key)).SelectMany(i => Value.Check(i.Value, TableType.Child(path, i.Key)))
            : Mismatch(node, path);
}

/// <summary>Both a table's own fields and its user-named entries (for example [agents] max_threads beside [agents.reviewer]).</summary>
public sealed class TableWithEntriesType : ConfigValueType
{
    private readonly TableType fields;
    private readonly MapType entries;

    public TableWithEntriesType(IEnumerable<(string Key, ConfigValueType Type)> fields, ConfigValueType entry)
    {
        var list = fields.ToList();
        this.fields = new TableType(list);
        entries = new MapType(entry, list.Select(f => f.Key).ToArray());
    }

    internal override string Expected => "a map";

    public override IEnumerable<SchemaProblem> Check(TomlNode node, string path) =>
        node is TomlTableNode ? fields.Check(node, path).Concat(entries.Check(node, path)) : Mismatch(node, path);
}

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
