namespace Codex.Plugins;

/// <summary>One effective configuration value and where it came from.</summary>
public sealed class CodexConfigValue
{
    public CodexConfigValue(string key, object? value, string valueType, string layer, string file, int line, int column, bool isMasked, string[] overrides)
    {
        Key = key;
        Value = value;
        ValueType = valueType;
        Layer = layer;
        File = file;
        Line = line;
        Column = column;
        IsMasked = isMasked;
        Overrides = overrides;
    }

    /// <summary>The dotted key, quoted where TOML needs quotes: <c>plugins."github@team".enabled</c>.</summary>
    public string Key { get; }

    /// <summary>The value (masked when it is a secret and secrets were not asked for).</summary>
    public object? Value { get; }

    /// <summary>string, integer, float, boolean, datetime or array.</summary>
    public string ValueType { get; }

    /// <summary>The layer that set the value: System, User, Profile, Project, Managed or Requirements.</summary>
    public string Layer { get; }

    public string File { get; }

    public int Line { get; }

    public int Column { get; }

    public bool IsMasked { get; }

    /// <summary>The lower layers' settings of the same key that this one overrides, as file:line.</summary>
    public string[] Overrides { get; }

    public override string ToString() => $"{Key} = {Value}";
}
