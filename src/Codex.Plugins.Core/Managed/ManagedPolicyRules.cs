namespace Codex.Plugins.Managed;

/// <summary>
/// What Codex 0.169.0 reads in requirements.toml and managed_config.toml, and the values it accepts. The requirement
/// keys are those of codex-rs ConfigRequirementsToml (and what `codex app-server --print-startup-config` echoes back);
/// the order here is the order New-CodexManagedConfig writes them in.
/// </summary>
public static class ManagedPolicyRules
{
    public static readonly IReadOnlyList<string> RequirementKeys = new[]
    {
        "allowed_approval_policies", "allowed_approvals_reviewers", "allowed_sandbox_modes", "allowed_web_search_modes",
        "allow_managed_hooks_only", "default_permissions", "allowed_permission_profiles", "enforce_residency",
        "guardian_policy_config", "allowed_login_methods", "allowed_chatgpt_workspaces", "cli_auth_credentials_store",
        "chatgpt_base_url", "allow_appshots", "allow_remote_control", "plugin_sharing",
        "features", "permissions", "remote_sandbox_config", "mcp_servers", "plugins", "apps", "hooks", "rules",
        "experimental_network", "computer_use", "marketplaces",
    };

    /// <summary>Top-level config.toml keys a managed_config.toml may set (Codex's config.toml surface).</summary>
    public static readonly IReadOnlyList<string> DefaultKeys = new[]
    {
        "model", "model_provider", "model_reasoning_effort", "model_reasoning_summary", "model_verbosity",
        "model_context_window", "model_auto_compact_token_limit", "approval_policy", "approvals_reviewer", "sandbox_mode",
        "default_permissions", "web_search", "developer_instructions", "model_instructions_file", "notify", "file_opener",
        "hide_agent_reasoning", "show_raw_agent_reasoning", "check_for_update_on_startup", "disable_paste_burst",
        "project_doc_max_bytes", "project_doc_fallback_filenames", "project_root_markers", "log_dir", "openai_base_url",
        "chatgpt_base_url", "cli_auth_credentials_store", "forced_login_method", "forced_chatgpt_workspace_id",
        "sandbox_workspace_write", "permissions", "features", "mcp_servers", "shell_environment_policy", "otel",
        "history", "tools", "tui", "analytics", "feedback", "model_providers", "plugins", "marketplaces", "agents",
        "skills", "hooks", "windows", "auto_review", "network", "projects",
    };

    public static readonly IReadOnlyList<string> ApprovalPolicies = new[] { "untrusted", "on-failure", "on-request", "never", "granular" };

    public static readonly IReadOnlyList<string> SandboxModes = new[] { "read-only", "workspace-write", "danger-full-access", "external-sandbox" };

    public static readonly IReadOnlyList<string> ConfigSandboxModes = new[] { "read-only", "workspace-write", "danger-full-access" };

    public static readonly IReadOnlyList<string> ApprovalsReviewers = new[] { "user", "auto_review" };

    public static readonly IReadOnlyList<string> WebSearchModes = new[] { "disabled", "cached", "live" };

    public static readonly IReadOnlyList<string> PrefixRuleDecisions = new[] { "prompt", "forbidden" };

    /// <summary>Codex's approval policy when nothing sets one.</summary>
    public const string DefaultApprovalPolicy = "on-request";

    /// <summary>Codex's sandbox when nothing sets one (an untrusted folder).</summary>
    public const string DefaultSandboxMode = "read-only";

    public const string RequirementsFileName = "requirements.toml";

    public const string ManagedConfigFileName = "managed_config.toml";
}
