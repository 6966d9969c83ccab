namespace Codex.Plugins.Configuration.Editing;

/// <summary>What a commit did.</summary>
public sealed record ConfigEditResult(string Path, bool Written, bool Retried, string? BackupPath, string Diff);
