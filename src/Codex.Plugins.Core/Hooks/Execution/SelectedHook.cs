namespace Codex.Plugins.Hooks.Execution;

/// <summary>A hook that would run for an event, or why Codex would skip it.</summary>
public sealed record SelectedHook(CodexHook Hook, string? SkipReason);
