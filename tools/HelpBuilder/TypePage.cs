namespace Codex.Plugins.HelpBuilder;

/// <summary>A '### TypeName' entry under INPUTS or OUTPUTS.</summary>
internal sealed record TypePage(string Type, List<string> Description);
