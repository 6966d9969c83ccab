namespace Codex.Plugins.Hooks;

/// <summary>
/// Codex's trust rule for hook handlers: managed hooks run unreviewed; every other handler runs only while the
/// trusted_hash stored for its key equals the hash of its definition as it is now.
/// </summary>
public static class HookTrust
{
    /// <summary>The trust status of a handler, from where it comes and the hashes stored and computed for it.</summary>
    /// <param name="hashKnown">False when the definition's hash is not reproduced (mcp_tool handlers): a stored hash cannot be checked.</param>
    public static HookTrustStatus StatusOf(bool isManaged, string? trustedHash, bool hashKnown, string? currentHash) =>
        isManaged ? HookTrustStatus.Managed
        : trustedHash is null ? HookTrustStatus.Untrusted
        : !hashKnown ? HookTrustStatus.Unverified
        : trustedHash == currentHash ? HookTrustStatus.Trusted
        : HookTrustStatus.Modified;

    /// <summary>True when Codex runs a handler of this status without --dangerously-bypass-hook-trust.</summary>
    public static bool IsTrusted(HookTrustStatus status) => status is HookTrustStatus.Managed or HookTrustStatus.Trusted;

    /// <summary>True when Codex would run the handler: enabled and trusted.</summary>
    public static bool WouldRun(bool enabled, HookTrustStatus status) => enabled && IsTrusted(status);
}
