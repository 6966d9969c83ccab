namespace Codex.Plugins;

/// <summary>One rollout target's outcome: one object per machine, failed or not.</summary>
public sealed class CodexPublishResult
{
    public string ComputerName { get; init; } = string.Empty;

    /// <summary>True when a file on the target was replaced (or restored by -Rollback).</summary>
    public bool Changed { get; init; }

    /// <summary>True when every file on the target reads back with the hash that was sent.</summary>
    public bool Verified { get; init; }

    /// <summary>Up to date, Published, Rolled back, Would publish (-WhatIf), Failed.</summary>
    public string Status { get; init; } = string.Empty;

    /// <summary>The files handled, as paths on the target.</summary>
    public string[] Files { get; init; } = Array.Empty<string>();

    /// <summary>The backups kept on the target (for -Rollback), as paths on the target.</summary>
    public string[] BackupPath { get; init; } = Array.Empty<string>();

    /// <summary>The hashes on the target afterwards, "name=sha256:...".</summary>
    public string[] Hash { get; init; } = Array.Empty<string>();

    /// <summary>What went wrong, or null.</summary>
    public string? Error { get; init; }

    /// <summary>The error id (ManagedTargetUnreachable, ManagedTargetIsLink, ...), or null.</summary>
    public string? ErrorId { get; init; }

    /// <summary>The unified diff of the change (masked), when the target's old text was known.</summary>
    public string? Diff { get; init; }

    public override string ToString() => $"{ComputerName}: {Status}";
}
