namespace Codex.Plugins.Configuration.Editing;

/// <summary>How staging one item's change ended.</summary>
public enum StagedChangeOutcome
{
    /// <summary>The change is pending; Commit writes it.</summary>
    Staged,

    /// <summary>The file already says so: nothing to write, and the item counts as done.</summary>
    AlreadySo,

    /// <summary>The confirm callback said no (or -WhatIf): the item's steps were rolled back.</summary>
    Declined,
}
