namespace Codex.Plugins.HelpBuilder;

/// <summary>A parameter set, its parameters in the order PowerShell prints its syntax (positional first).</summary>
internal sealed record ParameterSetFacts(string Name, bool IsDefault, List<ParameterUse> Parameters);
