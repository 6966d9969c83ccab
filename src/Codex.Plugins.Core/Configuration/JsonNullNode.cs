namespace Codex.Plugins.Configuration;

/// <summary>A JSON null: present but without a value.</summary>
public sealed class JsonNullNode : TomlNode
{
    public JsonNullNode(SourceLocation location)
        : base(location)
    {
    }

    public override object? ToPlainValue() => null;
}
