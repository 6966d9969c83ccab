namespace Codex.Plugins.Configuration.Editing;

/// <summary>What one atomic replacement did.</summary>
internal sealed record AtomicWriteResult(bool Written, string? BackupPath, bool Rebased, byte[]? Bytes);
