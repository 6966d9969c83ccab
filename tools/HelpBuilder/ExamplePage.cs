namespace Codex.Plugins.HelpBuilder;

/// <summary>A '### Example N: ...' section. Code is every code block as help shows it; Scripts are the PowerShell
/// blocks, with their fence lines, that tools/Build-Help.ps1 parses against the module's cmdlets.</summary>
internal sealed record ExamplePage(string Title, int Line, string Code, List<CodeSnippet> Scripts, List<string> Remarks);
