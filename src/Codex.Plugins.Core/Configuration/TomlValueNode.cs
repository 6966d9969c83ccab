using System.Globalization;

namespace Codex.Plugins.Configuration;

/// <summary>A scalar: string, long, double, bool, or a date-time kept as its TOML text.</summary>
public sealed class TomlValueNode : TomlNode
{
    public TomlValueNode(SourceLocation location, object value, bool isDateTime = false)
        : base(location)
    {
        Value = value;
        IsDateTime = isDateTime;
    }

    public object Value { get; }

    /// <summary>A TOML date, time or date-time, kept as the text written in the file.</summary>
    public bool IsDateTime { get; }

    public override object? ToPlainValue() => Value;

    public override string ToString() => Value switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Value.ToString() ?? string.Empty,
    };
}
