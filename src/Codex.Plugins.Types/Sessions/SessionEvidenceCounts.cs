namespace Codex.Plugins;

/// <summary>
/// The counts a session measurement and a summary of sessions share that the rollout does not persist (approvals and
/// hook runs): they come from an exec event file, a hook log or an OTel export. Null means no file read holds the
/// number, which is not zero; a sum stays null until some session knows it.
/// </summary>
public abstract class SessionEvidenceCounts
{
    public long? ApprovalsRequested { get; set; }

    public long? ApprovalsGranted { get; set; }

    public long? ApprovalsDenied { get; set; }

    public long? HookRuns { get; set; }

    public long? HookPassed { get; set; }

    public long? HookFailed { get; set; }

    public long? HookSkipped { get; set; }

    public long? HookBlocked { get; set; }

    /// <summary>Adds another's counts to these: unknown and unknown stay unknown, unknown and a number is the number.</summary>
    public void AddEvidence(SessionEvidenceCounts other)
    {
        ApprovalsRequested = Sum(ApprovalsRequested, other.ApprovalsRequested);
        ApprovalsGranted = Sum(ApprovalsGranted, other.ApprovalsGranted);
        ApprovalsDenied = Sum(ApprovalsDenied, other.ApprovalsDenied);
        HookRuns = Sum(HookRuns, other.HookRuns);
        HookPassed = Sum(HookPassed, other.HookPassed);
        HookFailed = Sum(HookFailed, other.HookFailed);
        HookSkipped = Sum(HookSkipped, other.HookSkipped);
        HookBlocked = Sum(HookBlocked, other.HookBlocked);
    }

    private static long? Sum(long? a, long? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);
}
