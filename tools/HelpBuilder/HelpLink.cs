namespace Codex.Plugins.HelpBuilder;

/// <summary>A related link; Uri is empty for a page of this module (Get-Help finds those by name).</summary>
internal sealed record HelpLink(string Text, string Uri);
