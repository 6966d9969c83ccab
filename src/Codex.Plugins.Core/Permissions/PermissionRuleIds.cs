namespace Codex.Plugins.Permissions;

/// <summary>Finding rule ids about permission profiles. Stable: scripts and suppressions refer to them.</summary>
public static class PermissionRuleIds
{
    public const string DangerFullAccess = "CODEX-PERM-001";
    public const string NetworkAllowAll = "CODEX-PERM-002";
    public const string WriteOutsideWorkspace = "CODEX-PERM-003";
    public const string SecretsReadable = "CODEX-PERM-004";
    public const string LegacyAndProfileBothSet = "CODEX-PERM-005";
    public const string NotAllowedByRequirements = "CODEX-PERM-006";
    public const string AgentExceedsParent = "CODEX-PERM-007";
    public const string UnknownSpecialPath = "CODEX-PERM-008";
    public const string SandboxCannotStart = "CODEX-PERM-009";
}
