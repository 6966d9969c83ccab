namespace Codex.Plugins.Sessions;

/// <summary>The kinds of rollout line (RolloutItem's "type"). Unknown ones are counted, never fatal.</summary>
public enum RolloutItemKind
{
    Unknown,
    SessionMeta,
    TurnContext,
    ResponseItem,
    EventMsg,
    Compacted,
    TokenUsageRecord,
    WorldState,
    InterAgent,

    /// <summary>A line from before the typed envelope: a bare response item (type message, function_call, ...).</summary>
    LegacyResponseItem,

    /// <summary>The first line of an old rollout: {"id","timestamp","instructions"} with no envelope.</summary>
    LegacyMeta,

    /// <summary>An old rollout's {"record_type":"state"} line.</summary>
    LegacyState,
}
