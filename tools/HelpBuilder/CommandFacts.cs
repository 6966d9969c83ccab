namespace Codex.Plugins.HelpBuilder;

/// <summary>What the imported module says about one cmdlet (tools/Build-Help.ps1 writes it as JSON): the help's
/// facts about parameters come from here, its words from the page.</summary>
internal sealed record CommandFacts(string Name, string Verb, string Noun, string HelpFile, List<ParameterSetFacts> Sets, List<ParameterFacts> Parameters);
