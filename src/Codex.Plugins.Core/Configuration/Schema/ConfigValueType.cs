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
