using System.Text.RegularExpressions;
using Codex.Plugins.Agents;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Hooks;
using Codex.Plugins.Masking;
using Codex.Plugins.Mcp;
using Codex.Plugins.Permissions;
using Codex.Plugins.Plugins;
using Codex.Plugins.Skills;
using Codex.Plugins.Versions;

namespace Codex.Plugins.Findings;

/// <summary>Rule ids of the configuration audit beyond the permission rules (<see cref="PermissionRuleIds"/>).</summary>
public static class AuditRuleIds
{
    public const string AgentThreadFanOut = "CODEX-AGENT-001";
    public const string AgentDepthFanOut = "CODEX-AGENT-002";
    public const string McpAutoApprovalWithoutAllowList = "CODEX-MCP-001";
    public const string McpInlineSecret = "CODEX-MCP-002";
    public const string PluginPathInvalid = "CODEX-PLUGIN-001";
    public const string HookUntrusted = "CODEX-HOOK-001";
    public const string HookModified = "CODEX-HOOK-002";
    public const string SkillListOverBudget = "CODEX-SKILL-001";
    public const string DangerAllowedByRequirements = "CODEX-PERM-010";
}

/// <summary>
/// Every rule this branch knows, over one configuration stack: permission profiles (the default one and every
/// [permissions.NAME]), custom agents against their parent's sandbox and the fan-out limits, MCP servers, plugins.
/// Returns findings and the issues met while reading (which the caller reports as errors or warnings).
/// </summary>
public static class ConfigurationAudit
{
    public static IReadOnlyList<CodexFinding> Run(ConfigStack stack, List<CodexIssue> issues, CodexInstallation codex, IReadOnlyList<string>? workspaceRoots = null)
    {
        var findings = new List<CodexFinding>();
        var resolver = new PermissionResolver(stack, workspaceRoots);

        // Permissions: the profile Codex uses here, then every named profile (each once).
        ResolvedPermissionProfile parent = resolver.ResolveDefault();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (ResolvedPermissionProfile profile in new[] { parent }.Concat(resolver.ProfileNames.Where(n => !PermissionResolver.BuiltIns.Contains(n)).Select(resolver.Resolve)))
        {
            if (!seen.Add(profile.Name))
            {
                continue;
            }

            issues.AddRange(profile.Warnings);
            if (profile.Error is not null)
            {
                issues.Add(profile.Error);
                continue;
            }

            findings.AddRange(PermissionFindings.For(profile, resolver, stack.Environment));
        }

        if (stack.Requirements?.Root?.Table("allowed_permission_profiles")?[PermissionResolver.DangerFullAccess] is TomlValueNode { Value: true } danger)
        {
            findings.Add(new CodexFinding(AuditRuleIds.DangerAllowedByRequirements, FindingSeverity.Warning,
                "The requirements allow :danger-full-access: any user can run Codex without a sandbox.", PermissionResolver.DangerFullAccess,
                danger.Location.File, danger.Location.Line, "Remove \":danger-full-access\" from allowed_permission_profiles unless every machine needs it."));
        }

        // Agents: a subagent runs inside its parent's sandbox; many threads or deep spawning multiply what runs.
        IReadOnlyList<AgentFile> agentFiles = AgentFileLocator.Read(stack, issues);
        IReadOnlyList<CodexAgent> agents = AgentReader.Read(stack, agentFiles, issues);
        foreach (CodexAgent agent in agents)
        {
            ResolvedPermissionProfile? asked = resolver.ResolveAgent(agent.DefaultPermissions, agent.SandboxMode, agent.File, agent.Line);
            if (asked?.Error is not null)
            {
                issues.Add(asked.Error with { Target = agent.Name });
            }
            else if (asked is not null)
            {
                findings.AddRange(PermissionFindings.AgentExceedsParent(agent.Name, agent.File, agent.Line, asked, parent));
            }
        }

        TomlTableNode? agentsTable = stack.Effective.Table("agents");
        if (agentsTable?["max_threads"] is TomlValueNode { Value: long threads } tn && threads > AgentReader.DefaultMaxThreads)
        {
            findings.Add(new CodexFinding(AuditRuleIds.AgentThreadFanOut, FindingSeverity.Warning,
                $"[agents] max_threads = {threads}: more than Codex's default of {AgentReader.DefaultMaxThreads} agent threads may run at once, each with the parent's sandbox.",
                "agents.max_threads", tn.Location.File, tn.Location.Line, $"Keep max_threads at {AgentReader.DefaultMaxThreads} or below unless the work needs more."));
        }

        if (agentsTable?["max_depth"] is TomlValueNode { Value: long depth } dn && depth > AgentReader.DefaultMaxDepth)
        {
            findings.Add(new CodexFinding(AuditRuleIds.AgentDepthFanOut, FindingSeverity.Warning,
                $"[agents] max_depth = {depth}: agents may spawn agents {depth} levels deep (Codex's default is {AgentReader.DefaultMaxDepth}).",
                "agents.max_depth", dn.Location.File, dn.Location.Line, $"Keep max_depth at {AgentReader.DefaultMaxDepth} unless nested delegation is required."));
        }

        // MCP servers.
        McpServerInventory mcp = McpServerInventory.Read(stack, includeSecret: false, AgentFileLocator.McpServers(agentFiles));
        issues.AddRange(mcp.Issues);
        foreach (CodexMcpServer server in mcp.Servers.Where(s => s.Enabled))
        {
            bool auto = server.DefaultToolsApprovalMode == "auto" || server.ToolApprovalModes.Values.Contains("auto");
            if (auto && server.EnabledTools is null)
            {
                findings.Add(new CodexFinding(AuditRuleIds.McpAutoApprovalWithoutAllowList, FindingSeverity.Warning,
                    $"The MCP server '{server.Name}' approves tool calls automatically and has no enabled_tools allow list: every tool it offers, now or later, runs without asking.",
                    server.Name, server.File, server.Line, "Add enabled_tools with the tools the work needs, or use prompt approval."));
            }

            foreach (string key in server.Env.Keys.Where(SecretPaths.IsSecretName))
            {
                findings.Add(new CodexFinding(AuditRuleIds.McpInlineSecret, FindingSeverity.Error,
                    $"The MCP server '{server.Name}' has the secret {key} written inline in env.", $"{server.Name}.env.{key}", server.File, server.Line,
                    $"Move the value out of the file: list {key} in env_vars so Codex passes it from the environment."));
            }

            foreach (string key in server.HttpHeaders.Keys.Where(SecretPaths.IsSecretHeaderName))
            {
                findings.Add(new CodexFinding(AuditRuleIds.McpInlineSecret, FindingSeverity.Error,
                    $"The MCP server '{server.Name}' has the header {key} written inline in http_headers.", $"{server.Name}.http_headers.{key}", server.File, server.Line,
                    "Use env_http_headers (or bearer_token_env_var) so the value comes from the environment."));
            }
        }

        // Plugins: the paths the plugin reader found invalid (attached to each plugin as findings).
        PluginInventory plugins = PluginInventory.Read(stack, includeAvailable: false);
        issues.AddRange(plugins.Issues);
        foreach (CodexPlugin plugin in plugins.Plugins.Where(p => p.Installed))
        {
            foreach (CodexFinding f in plugin.Findings.Where(f => f.RuleId == ErrorIds.PluginPathInvalid))
            {
                findings.Add(new CodexFinding(AuditRuleIds.PluginPathInvalid, FindingSeverity.Error, f.Message, plugin.PluginId, f.File, f.Line, f.Remediation));
            }
        }

        // Hooks: an untrusted hook does not run, which is safe but usually not what its author meant; a modified one
        // changed after someone reviewed it, and what now runs has not been reviewed.
        HookInventory hooks = HookInventory.Read(stack);
        issues.AddRange(hooks.Issues);
        foreach (CodexHook hook in hooks.Hooks.Where(h => h.Enabled))
        {
            if (hook.TrustStatus == HookTrustStatus.Modified)
            {
                findings.Add(new CodexFinding(AuditRuleIds.HookModified, FindingSeverity.Error,
                    $"The {hook.Event} hook {hook.Key} changed since it was trusted: Codex will not run it until someone reviews it again. It now runs: {hook.Command ?? hook.HandlerType}.",
                    hook.Key, hook.File, hook.Line, "Review what the hook runs now (Get-CodexHook), then trust it again with Approve-CodexHook, or remove it."));
            }
            else if (hook.TrustStatus == HookTrustStatus.Untrusted)
            {
                findings.Add(new CodexFinding(AuditRuleIds.HookUntrusted, FindingSeverity.Warning,
                    $"The {hook.Event} hook {hook.Key} is not trusted, so Codex skips it: whatever policy it enforces is not enforced.",
                    hook.Key, hook.File, hook.Line, "Review it (Get-CodexHook, Invoke-CodexHook -WhatIf) and trust it with Approve-CodexHook, or remove it."));
            }
        }

        // Skills: a startup list over its budget loses descriptions or whole skills, so the model cannot pick them.
        SkillInventory skills = SkillInventory.Read(stack, plugins.Plugins);
        ContextWindowChoice window = SkillContextWindow.Resolve(stack, null, CodexReleases.Parse(codex.BehavesAs) ?? CodexReleases.Newest);
        CodexSkillBudget budget = SkillBudgetReport.Build(stack, skills, window, codex).Budget;
        if (budget.Outcome != SkillBudgetOutcome.Full)
        {
            string lost = budget.OmittedCount > 0
                ? $"{budget.OmittedCount} of {budget.ListableCount} skills are left out and the rest lose their descriptions"
                : $"the descriptions lose {budget.TruncatedDescriptionChars} characters";
            findings.Add(new CodexFinding(AuditRuleIds.SkillListOverBudget, FindingSeverity.Warning,
                $"The startup skill list costs {budget.FullCost} {budget.BudgetUnit.ToLowerInvariant()} against a budget of {budget.Budget}: {lost}. Cutting {string.Join(", ", budget.SuggestedCuts)} would make it fit.",
                "skills", null, null, "Run Measure-CodexSkillBudget to see what each skill costs; disable unused ones with [[skills.config]] or shorten their descriptions."));
        }

        // Secrets written where Codex reads text (skills, AGENTS.md, agent files, hook commands, plugin folders).
        findings.AddRange(SecretFindings.For(stack, skills.Skills, agents, hooks.Hooks, plugins.Plugins, issues));

        return findings;
    }
}

/// <summary>
/// An accepted risk: findings of this rule for these targets are left out of reports, with a reason, until an
/// optional expiry date. An expired suppression suppresses nothing (the finding comes back).
/// </summary>
public sealed class FindingSuppression
{
    public FindingSuppression(string ruleId, string target, string reason, DateTime? expires)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A suppression needs a reason.", nameof(reason));
        }

        RuleId = ruleId;
        Target = string.IsNullOrEmpty(target) ? "*" : target;
        Reason = reason;
        Expires = expires;
    }

    public string RuleId { get; }

    /// <summary>The finding's target; * and ? wildcards allowed; * (default) = every target.</summary>
    public string Target { get; }

    public string Reason { get; }

    public DateTime? Expires { get; }

    public bool IsExpired(DateTime now) => Expires is { } e && e < now;

    public bool Matches(CodexFinding finding) =>
        string.Equals(RuleId, finding.RuleId, StringComparison.OrdinalIgnoreCase)
        && Regex.IsMatch(finding.Target, "^" + Regex.Escape(Target).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public override string ToString() => $"{RuleId} {Target}: {Reason}";
}
