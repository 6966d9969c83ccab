namespace Codex.Plugins.HelpBuilder;

/// <summary>One yaml block of a parameter (Type, Parameter Sets, Required, ...), Line being its opening fence.</summary>
internal sealed record ParameterYaml(int Line, Dictionary<string, string> Values);
