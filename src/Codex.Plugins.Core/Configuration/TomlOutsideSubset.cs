namespace Codex.Plugins.Configuration;

/// <summary>
/// The text leaves the subset <see cref="TomlValueReader"/> reads; Tomlyn reads it instead (and words the error, if
/// there is one). The one way its scanner, its table rules and its number reading say no.
/// </summary>
internal sealed class TomlOutsideSubset : Exception
{
}
