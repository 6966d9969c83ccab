using Codex.Plugins.Diagnostics;
using Codex.Plugins.Managed;
using Codex.Plugins.Permissions;
using Codex.Plugins.Reports;

namespace Codex.Plugins.Findings;

/// <summary>
/// What each audit rule checks, in one line, for reports (SARIF rule descriptions, the HTML rule table). The full
/// what / why / how-to-fix of each rule is in docs/Test-CodexConfiguration.md, which the help URI points at.
/// </summary>
public static class AuditRuleCatalog
{
    public const string HelpUri = AuditReport.InformationUri + "/blob/main/docs/Test-CodexConfiguration.md";

    /// <summary>The issue for a -RuleId that matches no rule, with the close rule ids as a hint.</summary>
    public static CodexIssue Unknown(string ruleId) => new(ErrorIds.AuditRuleUnknown, IssueKind.InvalidData,
        $"No audit rule matches '{ruleId}'.{NameSuggestions.Hint(ruleId, Rules.Keys)}", null, Target: ruleId,
        RecommendedAction: "See the rule ids in Get-Help Test-CodexConfiguration -Full (or press Tab after -RuleId).");

    public static IReadOnlyDictionary<string, AuditRule> Rules { get; } = new[]
    {
        Rule(AuditRuleIds.ConfigNotLoadable, FindingSeverity.Error, "Codex cannot load the configuration (or find its home), so it does not start."),
        Rule(AuditRuleIds.ConfigInlineSecret, FindingSeverity.Error, "A secret is written inline in a configuration file."),
        Rule(PermissionRuleIds.DangerFullAccess, FindingSeverity.Error, "A permission profile (or the default) runs without a sandbox."),
        Rule(PermissionRuleIds.NetworkAllowAll, FindingSeverity.Warning, "A permission profile allows every network host."),
        Rule(PermissionRuleIds.WriteOutsideWorkspace, FindingSeverity.Warning, "A permission profile can write outside its workspace roots."),
        Rule(PermissionRuleIds.SecretsReadable, FindingSeverity.Warning, "A permission profile can read credentials (~/.ssh, ~/.aws, gcloud, auth.json, .env)."),
        Rule(PermissionRuleIds.LegacyAndProfileBothSet, FindingSeverity.Warning, "sandbox_mode and default_permissions are both set; Codex ignores one."),
        Rule(PermissionRuleIds.NotAllowedByRequirements, FindingSeverity.Error, "A permission profile is outside the requirements allowlist."),
        Rule(PermissionRuleIds.AgentExceedsParent, FindingSeverity.Warning, "A custom agent asks for more than its parent's sandbox grants."),
        Rule(PermissionRuleIds.UnknownSpecialPath, FindingSeverity.Warning, "A permission profile uses an unknown special path."),
        Rule(PermissionRuleIds.SandboxCannotStart, FindingSeverity.Error, "A permission profile cannot start on Linux (a deny inside a denied folder)."),
        Rule(AuditRuleIds.DangerAllowedByRequirements, FindingSeverity.Warning, "The requirements allow :danger-full-access."),
        Rule(AuditRuleIds.AgentThreadFanOut, FindingSeverity.Warning, "[agents] max_threads is above Codex's default of 6."),
        Rule(AuditRuleIds.AgentDepthFanOut, FindingSeverity.Warning, "[agents] max_depth is above Codex's default of 1."),
        Rule(AuditRuleIds.AgentNotLoaded, FindingSeverity.Warning, "Codex refuses to load a custom agent file."),
        Rule(AuditRuleIds.McpAutoApprovalWithoutAllowList, FindingSeverity.Warning, "An MCP server runs tools without asking (approve, or auto/unset) and has no enabled_tools allow list."),
        Rule(AuditRuleIds.McpInlineSecret, FindingSeverity.Error, "A secret is written inline in an MCP server's definition (env, http_headers, args, ...)."),
        Rule(AuditRuleIds.PluginPathInvalid, FindingSeverity.Error, "A plugin manifest points at an invalid path."),
        Rule(AuditRuleIds.HookUntrusted, FindingSeverity.Warning, "An enabled hook is not trusted, so Codex skips it."),
        Rule(AuditRuleIds.HookModified, FindingSeverity.Error, "A hook changed after it was trusted."),
        Rule(AuditRuleIds.SkillListOverBudget, FindingSeverity.Warning, "The startup skill list is over its budget."),
        Rule(AuditRuleIds.SkillNotLoaded, FindingSeverity.Warning, "Codex refuses to load a skill (SKILL.md front matter or fields)."),
        Rule(Masking.SecretRuleIds.InSkill, FindingSeverity.Error, "A secret is written into a skill's files."),
        Rule(Masking.SecretRuleIds.InAgentsMd, FindingSeverity.Error, "A secret is written into an AGENTS.md file."),
        Rule(Masking.SecretRuleIds.InAgentFile, FindingSeverity.Error, "A secret is written into a custom agent's file (developer_instructions and the rest)."),
        Rule(Masking.SecretRuleIds.InHookCommand, FindingSeverity.Error, "A secret is written into a hook's command."),
        Rule(Masking.SecretRuleIds.InPluginFile, FindingSeverity.Error, "A secret is written into a plugin's files."),
        Rule(ManagedRuleIds.NotLoadable, FindingSeverity.Error, "Codex refuses to start under the machine's requirements."),
        Rule(ManagedRuleIds.ValueForced, FindingSeverity.Warning, "The requirements replace a configured value (approval policy, sandbox, default profile)."),
        Rule(ManagedRuleIds.ServerDisabled, FindingSeverity.Warning, "The requirements' MCP allowlist disables a configured server."),
        Rule(ManagedRuleIds.HookSkipped, FindingSeverity.Warning, "A hook is skipped because only managed hooks may run."),
        Rule(Sessions.SessionRuleIds.LimitExceeded, FindingSeverity.Warning, "A session went past the [agents] limits (max_depth, max_threads)."),
        Rule(ManagedRuleIds.ProfileRefused, FindingSeverity.Warning, "A permission profile is refused by allowed_permission_profiles."),
    }.Concat(Plugins.Lifecycle.PluginRuleCatalog.Rules).ToDictionary(r => r.Id, StringComparer.Ordinal);

    private static AuditRule Rule(string id, FindingSeverity severity, string summary) =>
        new(id, summary, severity, HelpUri);
}
