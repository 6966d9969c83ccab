using Codex.Plugins.Agents;
using Codex.Plugins.Configuration;
using Codex.Plugins.Findings;

namespace Codex.Plugins.Permissions;

/// <summary>
/// The permission rules of the audit: the profile Codex uses here and every named profile (each once), custom agents
/// that ask for more than their parent's sandbox, and requirements that allow running without a sandbox.
/// </summary>
public sealed class PermissionAudit : IFindingProvider
{
    public IEnumerable<CodexFinding> Find(AuditContext context)
    {
        var findings = new List<CodexFinding>();
        PermissionResolver resolver = context.Permissions;
        ResolvedPermissionProfile parent = resolver.ResolveDefault();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (ResolvedPermissionProfile profile in new[] { parent }.Concat(resolver.ProfileNames.Where(n => !PermissionResolver.BuiltIns.Contains(n)).Select(resolver.Resolve)))
        {
            if (!seen.Add(profile.Name))
            {
                continue;
            }

            context.Issues.AddRange(profile.Warnings);
            if (profile.Error is not null)
            {
                context.Issues.Add(profile.Error);
                continue;
            }

            findings.AddRange(PermissionFindings.For(profile, resolver, context.Stack.Environment));
        }

        if (context.Stack.Requirements?.Root?.Table("allowed_permission_profiles")?[PermissionResolver.DangerFullAccess] is TomlValueNode { Value: true } danger)
        {
            findings.Add(new CodexFinding(AuditRuleIds.DangerAllowedByRequirements, FindingSeverity.Warning,
                "The requirements allow :danger-full-access: any user can run Codex without a sandbox.", PermissionResolver.DangerFullAccess,
                danger.Location.File, danger.Location.Line, "Remove \":danger-full-access\" from allowed_permission_profiles unless every machine needs it."));
        }

        // A subagent runs inside its parent's sandbox: asking for more is refused at run time, so say so now.
        foreach (CodexAgent agent in context.Agents)
        {
            ResolvedPermissionProfile? asked = resolver.ResolveAgent(agent.DefaultPermissions, agent.SandboxMode, agent.File, agent.Line);
            if (asked?.Error is not null)
            {
                context.Issues.Add(asked.Error with { Target = agent.Name });
            }
            else if (asked is not null)
            {
                findings.AddRange(PermissionFindings.AgentExceedsParent(agent.Name, agent.File, agent.Line, asked, parent));
            }
        }

        return findings;
    }
}
