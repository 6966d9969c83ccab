namespace Codex.Plugins.Configuration.Schema;

/// <summary>One refusal: serde's words, the value at fault and its dotted key.</summary>
public sealed record SchemaProblem(string Message, TomlNode Node, string Path);
