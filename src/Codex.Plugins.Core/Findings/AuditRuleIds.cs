using Codex.Plugins.Permissions;

namespace Codex.Plugins.Findings;

/// <summary>Rule ids of the configuration audit beyond the permission rules (<see cref="PermissionRuleIds"/>).</summary>
public static class AuditRuleIds
{
    public const string ConfigNotLoadable = "CODEX-CONFIG-001";
    public const string ConfigInlineSecret = "CODEX-CONFIG-002";
    public const string AgentThreadFanOut = "CODEX-AGENT-001";
    public const string AgentDepthFanOut = "CODEX-AGENT-002";
    public const string AgentNotLoaded = "CODEX-AGENT-003";
    public const string McpAutoApprovalWithoutAllowList = "CODEX-MCP-001";
    public const string McpInlineSecret = "CODEX-MCP-002";
    public const string PluginPathInvalid = "CODEX-PLUGIN-001";
    public const string HookUntrusted = "CODEX-HOOK-001";
    public const string HookModified = "CODEX-HOOK-002";
    public const string SkillListOverBudget = "CODEX-SKILL-001";
    public const string SkillNotLoaded = "CODEX-SKILL-002";
    public const string DangerAllowedByRequirements = "CODEX-PERM-010";
}
