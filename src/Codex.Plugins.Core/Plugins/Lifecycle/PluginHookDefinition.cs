namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>A hook to package: the event, its matcher, the command and its timeout.</summary>
public sealed record PluginHookDefinition(string Event, string? Matcher, string Command, long? TimeoutSec = null, string? StatusMessage = null);
