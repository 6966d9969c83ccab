namespace Codex.Plugins.HelpBuilder;

/// <summary>A '### -Name' section: its words and its yaml blocks (one per group of parameter sets).</summary>
internal sealed record ParameterPage(string Name, int Line, List<string> Description, List<ParameterYaml> Yaml);
