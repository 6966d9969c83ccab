namespace Codex.Plugins.Configuration.Editing;

/// <summary>One step of an edit: set a key to a value, or remove a key or a table.</summary>
public sealed record ConfigEditOperation(ConfigEditKind Kind, IReadOnlyList<string> Key, TomlEditValue? Value)
{
    public string DottedKey => TomlEditValue.JoinKey(Key);

    public override string ToString() => Kind == ConfigEditKind.Set ? $"{DottedKey} = {Value}" : $"remove {DottedKey}";
}
