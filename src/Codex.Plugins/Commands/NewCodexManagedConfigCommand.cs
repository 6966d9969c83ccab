using System.Collections;
using Codex.Plugins.Internal;
using Codex.Plugins.Managed;

namespace Codex.Plugins.Commands;

/// <summary>
/// Makes requirements.toml (enforced constraints) and managed_config.toml (managed defaults) from a policy: parameters,
/// a hashtable or a .psd1 file. Checks the policy as Codex would before anything is written.
/// </summary>
[Cmdlet(VerbsCommon.New, "CodexManagedConfig", SupportsShouldProcess = true, DefaultParameterSetName = "Policy")]
[OutputType(typeof(CodexManagedConfig))]
public sealed class NewCodexManagedConfigCommand : CodexCmdlet
{
    /// <summary>A policy table @{ Requirements = @{...}; ManagedConfig = @{...} }, or the path of a .psd1 file holding one.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public PSObject? Policy { get; set; }

    /// <summary>allowed_approval_policies: untrusted, on-failure, on-request, never, granular. The first is the fallback.</summary>
    [Parameter]
    [ValidateSet("untrusted", "on-failure", "on-request", "never", "granular")]
    public string[]? AllowedApprovalPolicy { get; set; }

    /// <summary>allowed_approvals_reviewers: user, auto_review.</summary>
    [Parameter]
    [ValidateSet("user", "auto_review")]
    public string[]? AllowedApprovalsReviewer { get; set; }

    /// <summary>allowed_sandbox_modes; must include read-only (Codex's fallback).</summary>
    [Parameter]
    [ValidateSet("read-only", "workspace-write", "danger-full-access", "external-sandbox")]
    public string[]? AllowedSandboxMode { get; set; }

    /// <summary>allowed_permission_profiles: the complete list of profiles Codex may use (built-ins start with ':').</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PermissionProfileNameCompleter))]
    public string[]? AllowedPermissionProfile { get; set; }

    /// <summary>The requirements' default_permissions: the profile Codex falls back to.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PermissionProfileNameCompleter))]
    public string? DefaultPermissions { get; set; }

    /// <summary>Managed permission profiles: name = @{ extends = ':workspace'; filesystem = @{...}; network = @{...} }.</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? PermissionProfile { get; set; }

    /// <summary>[permissions.filesystem] deny_read: absolute paths, ~/ paths or globs no profile may read.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? DenyRead { get; set; }

    /// <summary>The MCP allowlist: name = 'command' (stdio), 'https://url' (HTTP), or @{ command = ... } / @{ url = ... }.</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? McpServer { get; set; }

    /// <summary>hooks.managed_dir: the folder the managed hook scripts are installed in (Linux, macOS).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ManagedHooksDirectory { get; set; }

    /// <summary>hooks.windows_managed_dir: the same on Windows.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? WindowsManagedHooksDirectory { get; set; }

    /// <summary>Managed hooks: event = @(@{ matcher = '^Bash$'; hooks = @(@{ type = 'command'; command = '...' }) }).</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? Hook { get; set; }

    /// <summary>allow_managed_hooks_only: Codex runs managed hooks only.</summary>
    [Parameter]
    public SwitchParameter AllowManagedHooksOnly { get; set; }

    /// <summary>Feature pins: name = $true/$false ([features] in requirements).</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? Feature { get; set; }

    /// <summary>[rules] prefix_rules: @{ pattern = @(@{ token = 'rm' }); decision = 'forbidden'; justification = '...' }.</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable[]? PrefixRule { get; set; }

    /// <summary>Managed defaults (managed_config.toml): config.toml keys, e.g. @{ approval_policy = 'on-request' }.</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? Default { get; set; }

    /// <summary>A folder to write requirements.toml and managed_config.toml into (atomically). Without it nothing is written.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    protected override void ProcessRecord()
    {
        ManagedPolicySource policy = ManagedPolicyReader.Read(Policy, SessionState, InvokeCommand);
        if (policy.Issue is not null)
        {
            WriteIssue(policy.Issue);
            return;
        }

        var input = new ManagedPolicyInput
        {
            Policy = policy.Table,
            Source = policy.Source,
            AllowedApprovalPolicies = AllowedApprovalPolicy,
            AllowedApprovalsReviewers = AllowedApprovalsReviewer,
            AllowedSandboxModes = AllowedSandboxMode,
            AllowedPermissionProfiles = AllowedPermissionProfile,
            DefaultPermissions = DefaultPermissions,
            PermissionProfiles = PlainValue.UnwrapTable(PermissionProfile),
            DenyRead = DenyRead,
            McpServers = PlainValue.UnwrapTable(McpServer),
            ManagedHooksDirectory = ManagedHooksDirectory,
            WindowsManagedHooksDirectory = WindowsManagedHooksDirectory,
            Hooks = PlainValue.UnwrapTable(Hook),
            AllowManagedHooksOnly = GivenOrNull(nameof(AllowManagedHooksOnly), AllowManagedHooksOnly.IsPresent),
            Features = PlainValue.UnwrapTable(Feature),
            PrefixRules = PrefixRule?.Select(r => (object?)PlainValue.UnwrapTable(r)).ToList(),
            Defaults = PlainValue.UnwrapTable(Default),
        };

        IReadOnlyList<CodexManagedConfig> files = input.Render(out IReadOnlyList<CodexIssue> issues);
        WriteIssues(issues);
        if (files.Count > 0 && OutFile is null)
        {
            WriteObject(files, enumerateCollection: true);
        }
        else if (files.Count > 0)
        {
            string folder = ProviderPath(OutFile!);
            var toWrite = files.Where(f => ShouldProcess(System.IO.Path.Combine(folder, f.Name), $"Write {f.Name} ({f.Length} bytes, {f.Hash})")).ToList();
            TryItem(() => WriteObject(ManagedConfigDocument.WriteTo(toWrite, folder), enumerateCollection: true));
        }
    }
}
