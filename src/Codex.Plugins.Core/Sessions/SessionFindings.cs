using Codex.Plugins.Masking;

namespace Codex.Plugins.Sessions;

public static class SessionFindings
{
    /// <summary>One finding per limit a session broke, naming the session, the limit and its rollout.</summary>
    public static IEnumerable<CodexFinding> For(CodexSessionMeasurement m) =>
        m.LimitBreaches.Select(b => new CodexFinding(
            SessionRuleIds.LimitExceeded,
            FindingSeverity.Warning,
            SecretText.Mask(b.Limit == "agents.max_depth"
                ? $"Session {b.SessionId} ({m.Role}) ran at agent depth {b.Value}, deeper than {b.Limit} = {b.Allowed}."
                : $"Session {b.SessionId} ({m.Role}) had {b.Value} subagents open at once, more than {b.Limit} = {b.Allowed}."),
            b.SessionId,
            b.File,
            null,
            $"Check why the session went past {b.Limit}: a configuration that raised it at the time, or a Codex version that does not enforce it. Keep [agents] {b.Limit.Split('.')[1]} at {b.Allowed} or below."));
}
