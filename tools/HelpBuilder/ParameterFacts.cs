namespace Codex.Plugins.HelpBuilder;

/// <summary>A parameter's type (as help shows it and in full), aliases, wildcard support and accepted values.</summary>
internal sealed record ParameterFacts(string Name, string TypeName, string TypeFullName, bool IsArray, bool IsSwitch, List<string> Aliases, bool Globbing, List<string> AcceptedValues);
