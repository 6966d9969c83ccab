namespace Codex.Plugins;

/// <summary>
/// One machine's configuration against its requirements: what Codex replaces and with what, which MCP servers it
/// disables, which hooks it skips, which permission profiles it refuses, and the approval policy and sandbox it ends
/// up with. Compliant means Codex has nothing to override: the machine already does what the policy asks.
/// </summary>
public sealed class CodexCompliance
{
    public string ComputerName { get; init; } = string.Empty;

    /// <summary>True when Codex loads the configuration and overrides nothing in it.</summary>
    public bool Compliant { get; init; }

    /// <summary>False when Codex refuses to start with these files (a requirements file it cannot load, a broken config).</summary>
    public bool Loadable { get; init; }

    /// <summary>Configured values the requirements replace, as "key: configured -> effective".</summary>
    public string[] Forced { get; init; } = Array.Empty<string>();

    /// <summary>MCP servers the allowlist disables, as "name (command X)" or "name (url U)".</summary>
    public string[] DisabledServers { get; init; } = Array.Empty<string>();

    /// <summary>Hook keys Codex skips because only managed hooks may run.</summary>
    public string[] SkippedHooks { get; init; } = Array.Empty<string>();

    /// <summary>Hook keys the requirements add (managed hooks).</summary>
    public string[] ManagedHooks { get; init; } = Array.Empty<string>();

    /// <summary>Permission profiles (defined or built in) that allowed_permission_profiles refuses.</summary>
    public string[] RefusedProfiles { get; init; } = Array.Empty<string>();

    /// <summary>The approval policy Codex runs with.</summary>
    public string ApprovalPolicy { get; init; } = string.Empty;

    /// <summary>The approval policy the configuration asks for (null: not set, Codex's default applies).</summary>
    public string? ConfiguredApprovalPolicy { get; init; }

    /// <summary>The sandbox mode Codex runs with (read-only, workspace-write, danger-full-access).</summary>
    public string SandboxMode { get; init; } = string.Empty;

    /// <summary>The sandbox mode the configuration asks for (from sandbox_mode, or what its permission profile amounts to).</summary>
    public string? ConfiguredSandboxMode { get; init; }

    /// <summary>The permission profile Codex runs with (a name, or sandbox_mode=MODE for the legacy setting).</summary>
    public string PermissionProfile { get; init; } = string.Empty;

    /// <summary>The requirements file the machine was checked against.</summary>
    public string? RequirementsPath { get; init; }

    /// <summary>"sha256:..." of that file, null when there is none: compare with New-CodexManagedConfig's Hash.</summary>
    public string? RequirementsHash { get; init; }

    /// <summary>True when the requirements came from -Requirements (a preview), not from the machine.</summary>
    public bool IsPreview { get; init; }

    public string CodexHome { get; init; } = string.Empty;

    public string ProjectPath { get; init; } = string.Empty;

    public string SystemConfigPath { get; init; } = string.Empty;

    /// <summary>One finding per override (CODEX-MANAGED-*), for Export-CodexAuditReport.</summary>
    public CodexFinding[] Findings { get; init; } = Array.Empty<CodexFinding>();

    public override string ToString() => $"{ComputerName}: {(Compliant ? "compliant" : "not compliant")}";
}
