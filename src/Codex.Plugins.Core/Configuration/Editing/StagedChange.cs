namespace Codex.Plugins.Configuration.Editing;

/// <summary>One item's change as the confirm callback sees it: what, in which file, and the diff it makes.</summary>
public sealed record StagedChange(string Action, string Path, string Diff)
{
    /// <summary>What -WhatIf prints: the action, the file and the (masked) diff.</summary>
    public string Description => $"{Action} in {Path}{Environment.NewLine}{Diff.TrimEnd('\n')}";

    /// <summary>What -Confirm asks, with the same diff.</summary>
    public string Query => $"{Action} in {Path}?{Environment.NewLine}{Diff.TrimEnd('\n')}";
}
