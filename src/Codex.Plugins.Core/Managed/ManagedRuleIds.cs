namespace Codex.Plugins.Managed;

/// <summary>The compliance rules: each names one thing Codex overrides on a machine because of its requirements.</summary>
public static class ManagedRuleIds
{
    /// <summary>Codex refuses to start: the requirements (or the configuration under them) do not load.</summary>
    public const string NotLoadable = "CODEX-MANAGED-001";

    /// <summary>A configured value (approval policy, sandbox, default profile) is replaced by the requirements.</summary>
    public const string ValueForced = "CODEX-MANAGED-002";

    /// <summary>An MCP server is disabled by the requirements allowlist (name or identity).</summary>
    public const string ServerDisabled = "CODEX-MANAGED-003";

    /// <summary>A hook is skipped because only managed hooks may run.</summary>
    public const string HookSkipped = "CODEX-MANAGED-004";

    /// <summary>A permission profile the configuration defines is refused by allowed_permission_profiles.</summary>
    public const string ProfileRefused = "CODEX-MANAGED-005";
}
