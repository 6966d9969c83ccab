using Codex.Plugins.Configuration;

namespace Codex.Plugins.Hooks;

/// <summary>One handler as written in a hooks source, before Codex's validation and normalization.</summary>
internal sealed record DeclaredHandler(
    HookEvent Event,
    int GroupIndex,
    int HandlerIndex,
    string? Matcher,
    TomlNode GroupNode,
    TomlTableNode Node,
    string Type,
    string? Command,
    string? CommandWindows,
    long? Timeout,
    bool Async,
    string? StatusMessage,
    long? AdditionalContextLimit,
    string? Server,
    string? Tool);
