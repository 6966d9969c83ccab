namespace Codex.Plugins.Sessions;

/// <summary>A rollout file found on disk, before it is opened.</summary>
public sealed record RolloutFile(string Path, bool IsArchived, DateTimeOffset? NameTime, string? NameId);
