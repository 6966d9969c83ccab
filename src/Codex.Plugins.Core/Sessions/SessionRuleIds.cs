namespace Codex.Plugins.Sessions;

/// <summary>Rules over measured sessions: the ones a report turns into findings.</summary>
public static class SessionRuleIds
{
    /// <summary>A session went deeper than agents.max_depth or had more subagents open than agents.max_threads.</summary>
    public const string LimitExceeded = "CODEX-SESSION-001";
}
