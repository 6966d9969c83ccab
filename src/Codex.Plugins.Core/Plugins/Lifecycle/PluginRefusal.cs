namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>One reason codex plugin add refuses a plugin folder, in the binary's words, with where it is.</summary>
public sealed record PluginRefusal(string ErrorId, string Message, string File, int? Line, string RecommendedAction);
