namespace Codex.Plugins.HelpBuilder;

/// <summary>A '### SetName' block under SYNTAX; Code is null when it has no code block.</summary>
internal sealed record SyntaxBlock(string Name, int Line, string? Code);
