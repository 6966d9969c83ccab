namespace Codex.Plugins.HelpBuilder;

internal sealed record CodeSnippet(int Line, string Text);
