using Codex.Plugins.Findings;

namespace Codex.Plugins.Hooks;

/// <summary>
/// The hook rules of the audit: an untrusted hook does not run, which is safe but usually not what its author meant;
/// a modified one changed after someone reviewed it, and what now runs has not been reviewed.
/// </summary>
public sealed class HookFindings : IFindingProvider
{
    public IEnumerable<CodexFinding> Find(AuditContext context)
    {
        foreach (CodexHook hook in context.Hooks.Hooks.Where(h => h.Enabled))
        {
            if (hook.TrustStatus == HookTrustStatus.Modified)
            {
                yield return new CodexFinding(AuditRuleIds.HookModified, FindingSeverity.Error,
                    $"The {hook.Event} hook {hook.Key} changed since it was trusted: Codex will not run it until someone reviews it again. It now runs: {hook.Command ?? hook.HandlerType}.",
                    hook.Key, hook.File, hook.Line, "Review what the hook runs now (Get-CodexHook), then trust it again with Approve-CodexHook, or remove it.");
            }
            else if (hook.TrustStatus == HookTrustStatus.Untrusted)
            {
                yield return new CodexFinding(AuditRuleIds.HookUntrusted, FindingSeverity.Warning,
                    $"The {hook.Event} hook {hook.Key} is not trusted, so Codex skips it: whatever policy it enforces is not enforced.",
                    hook.Key, hook.File, hook.Line, "Review it (Get-CodexHook, Invoke-CodexHook -WhatIf) and trust it with Approve-CodexHook, or remove it.");
            }
        }
    }
}
