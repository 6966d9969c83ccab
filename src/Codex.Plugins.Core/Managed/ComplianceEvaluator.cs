using System.Collections;
using System.Text;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Findings;
using Codex.Plugins.Hooks;
using Codex.Plugins.Mcp;
using Codex.Plugins.Permissions;

namespace Codex.Plugins.Managed;

/// <summary>
/// Works out what Codex 0.169.0 does to one machine's configuration under its requirements, by reading the machine
/// twice: as it is, and as if there were no requirements. What differs is what the requirements force. The rules are
/// the binary's (checked with it in tests/compat/Managed.Compat.Tests.ps1):
/// - approval_policy outside allowed_approval_policies falls back to the first allowed one; unset, Codex's default
///   (on-request) stays when it is allowed, else the first allowed one (without a warning);
/// - a sandbox outside allowed_sandbox_modes falls back to read-only (which must be allowed);
/// - a default permission profile outside allowed_permission_profiles falls back to the requirements' default_permissions;
/// - MCP servers whose name and identity are not on the [mcp_servers] allowlist are disabled;
/// - with allow_managed_hooks_only, hooks that are not managed are not loaded at all.
/// </summary>
public sealed class ComplianceEvaluator
{
    private readonly ConfigStack stack;
    private readonly ConfigStack baseline;
    private readonly bool isPreview;
    private readonly List<CodexIssue> issues = new();
    private readonly List<CodexFinding> findings = new();
    private readonly List<string> forced = new();

    private ComplianceEvaluator(ConfigStack stack, ConfigStack baseline, bool isPreview)
    {
        this.stack = stack;
        this.baseline = baseline;
        this.isPreview = isPreview;
    }

    /// <summary>Problems met while reading (also the stack's own issues).</summary>
    public IReadOnlyList<CodexIssue> Issues => issues;

    /// <summary>
    /// Evaluates one machine. <paramref name="preview"/> replaces its requirements.toml and/or managed_config.toml
    /// with a policy that has not shipped yet.
    /// </summary>
    public static (CodexCompliance Result, IReadOnlyList<CodexIssue> Issues) Evaluate(CodexEnvironment environment, string computerName, ManagedLayerOverride? preview = null)
    {
        ConfigStack stack = ConfigStack.Load(environment, preview);
        ConfigStack baseline = ConfigStack.Load(environment, new ManagedLayerOverride(new LayerReplacement(null), preview?.ManagedConfig));
        var evaluator = new ComplianceEvaluator(stack, baseline, preview?.Requirements is not null);
        return (evaluator.Run(computerName), evaluator.issues);
    }

    /// <summary>
    /// The layers a preview replaces: each file by its name (managed_config.toml, else requirements.toml), read as if
    /// installed on the machine; null for no preview. A file that does not parse is ManagedPolicyFileInvalid (thrown).
    /// A preview of managed defaults alone is checked against the machine's own requirements, and the other way round.
    /// </summary>
    public static ManagedLayerOverride? Preview(IReadOnlyList<(string Name, string Text)> files, CodexEnvironment environment)
    {
        if (files.Count == 0)
        {
            return null;
        }

        LayerReplacement? requirements = null;
        LayerReplacement? managed = null;
        try
        {
            foreach (var (name, text) in files)
            {
                if (string.Equals(name, ManagedPolicyRules.ManagedConfigFileName, StringComparison.OrdinalIgnoreCase))
                {
                    managed = ReplacementFromText(text, environment.ManagedConfigPath);
                }
                else
                {
                    requirements = ReplacementFromText(text, environment.RequirementsPath);
                }
            }
        }
        catch (CodexIssueException ex)
        {
            throw new CodexIssueException(ex.Issue with { ErrorId = ErrorIds.ManagedPolicyFileInvalid }, ex);
        }

        return new ManagedLayerOverride(requirements, managed);
    }

    /// <summary>A requirements.toml or managed_config.toml text as a replacement layer, read as if installed at <paramref name="installedPath"/>.</summary>
    public static LayerReplacement ReplacementFromText(string text, string installedPath) =>
        new(TomlFileReader.ParseText(text, installedPath));

    private CodexCompliance Run(string computerName)
    {
        issues.AddRange(stack.Issues);
        TomlTableNode? requirements = stack.Requirements?.Root;
        bool loadable = CheckConfigurationLoad() && CheckRequirementsLoad(requirements);

        (string approval, string? configuredApproval) = ApprovalPolicy(requirements);
        (string sandbox, string? configuredSandbox, string profile, string[] refused) = Sandbox(requirements);
        string[] disabled = loadable ? DisabledServers() : Array.Empty<string>();
        (string[] skipped, string[] managedHooks) = loadable ? Hooks() : (Array.Empty<string>(), Array.Empty<string>());

        string? hash = null;
        if (stack.Requirements?.File is { } file)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(file.Text);
            hash = ManagedConfigDocument.HashOf(file.HasBom ? Encoding.UTF8.GetPreamble().Concat(bytes).ToArray() : bytes);
        }

        bool profileRefused = refused.Contains(profile, StringComparer.Ordinal);
        return new CodexCompliance
        {
            ComputerName = computerName,
            Loadable = loadable,
            Compliant = loadable && forced.Count == 0 && disabled.Length == 0 && skipped.Length == 0 && !profileRefused,
            Forced = forced.ToArray(),
            DisabledServers = disabled,
            SkippedHooks = skipped,
            ManagedHooks = managedHooks,
            RefusedProfiles = refused,
            ApprovalPolicy = approval,
            ConfiguredApprovalPolicy = configuredApproval,
            SandboxMode = sandbox,
            ConfiguredSandboxMode = configuredSandbox,
            PermissionProfile = profile,
            RequirementsPath = stack.Requirements?.Path,
            RequirementsHash = hash,
            IsPreview = isPreview,
            CodexHome = stack.Environment.CodexHome,
            ProjectPath = stack.Environment.ProjectPath,
            SystemConfigPath = stack.Environment.SystemConfigDirectory,
            Findings = findings.ToArray(),
        };
    }

    /// <summary>
    /// The machine's own configuration as the audit judges it (a missing home, a layer that does not parse, a value of
    /// the wrong type, a default profile Codex cannot build): a machine Codex does not start on is not compliant, and
    /// the findings say why in Codex's words. Requirements problems are judged below, in the requirements' terms.
    /// </summary>
    private bool CheckConfigurationLoad()
    {
        var context = new AuditContext(stack, new List<CodexIssue>());
        string? requirementsPath = stack.Requirements?.Path;
        List<CodexFinding> refusals = new ConfigLoadFindings().Find(context).Where(f => requirementsPath is null || f.File != requirementsPath).ToList();
        findings.AddRange(refusals);
        return refusals.Count == 0 && stack.IsLoadable;
    }

    /// <summary>The requirements' own load rules (empty allowlists, read-only missing, ...): Codex refuses to start on them.</summary>
    private bool CheckRequirementsLoad(TomlTableNode? requirements)
    {
        if (stack.Requirements is { Error: { } error })
        {
            findings.Add(new CodexFinding(ManagedRuleIds.NotLoadable, FindingSeverity.Error,
                $"Codex cannot read the requirements and refuses to start: {error.Message}", stack.Requirements.Path, error.File, error.Line,
                "Fix the file (Test-CodexCompliance -Requirements previews a replacement) and publish it again."));
            return false;
        }

        if (requirements?.ToPlainValue() is not IDictionary plain)
        {
            return true;
        }

        ManagedPolicy.Create(plain, null, stack.Requirements!.Path, out IReadOnlyList<CodexIssue> found);
        bool ok = true;
        foreach (CodexIssue issue in found)
        {
            if (issue.ErrorId == ErrorIds.ManagedPolicyKeyUnknown)
            {
                // Codex ignores an unknown key with a startup warning ("`KEY` is ignored").
                issues.Add(issue with { Kind = IssueKind.Warning, File = stack.Requirements.Path, Message = $"requirements ({stack.Requirements.Path}): `{issue.Target}` is ignored." });
                continue;
            }

            ok = false;
            issues.Add(issue with { File = stack.Requirements.Path });
            findings.Add(new CodexFinding(ManagedRuleIds.NotLoadable, FindingSeverity.Error,
                $"Codex refuses to start under these requirements: {issue.Message}", issue.Target ?? "requirements", stack.Requirements.Path, null,
                issue.RecommendedAction ?? "Fix the requirements."));
        }

        return ok;
    }

    private (string Effective, string? Configured) ApprovalPolicy(TomlTableNode? requirements)
    {
        var configuredNode = stack.Effective["approval_policy"] as TomlValueNode;
        string? configured = configuredNode?.Value as string;
        string wanted = configured ?? ManagedPolicyRules.DefaultApprovalPolicy;
        List<string>? allowed = StringList(requirements?["allowed_approval_policies"]);
        if (allowed is not { Count: > 0 } || allowed.Contains(wanted))
        {
            return (wanted, configured);
        }

        string effective = allowed[0];
        if (configured is not null)
        {
            Force("approval_policy", configured, effective, configuredNode!.Location, $"approval_policy = \"{configured}\" is not in allowed_approval_policies [{string.Join(", ", allowed)}]; Codex falls back to \"{effective}\".",
                $"Set approval_policy to one of: {string.Join(", ", allowed)}.");
        }

        return (effective, configured);
    }

    private (string Sandbox, string? Configured, string Profile, string[] Refused) Sandbox(TomlTableNode? requirements)
    {
        // What the configuration asks for without the requirements (they force profile mode and a default of their own).
        var before = new PermissionResolver(baseline);
        var selection = before.DefaultSelection();
        string? configuredMode;
        if (selection.Legacy)
        {
            configuredMode = selection.Name;
        }
        else
        {
            ResolvedPermissionProfile chosen = before.Resolve(selection.Name);
            configuredMode = chosen.Error is not null ? null : ModeOf(chosen);
        }

        bool configuredExplicitly = selection.File is not null;
        string profile = selection.Legacy ? "sandbox_mode=" + selection.Name : selection.Name;
        string[] refused = Array.Empty<string>();
        var resolver = new PermissionResolver(stack);

        if (requirements?.Table("allowed_permission_profiles") is { } allowedProfiles)
        {
            refused = resolver.ProfileNames.Where(n => allowedProfiles[n] is not TomlValueNode { Value: true }).ToArray();
            var current = resolver.DefaultSelection();
            string selected = current.Name;
            if (refused.Contains(selected, StringComparer.Ordinal) || current.Legacy)
            {
                string fallback = requirements.String("default_permissions")
                    ?? (allowedProfiles[PermissionResolver.Workspace] is TomlValueNode { Value: true } ? PermissionResolver.Workspace : PermissionResolver.ReadOnly);
                if (current.File is not null)
                {
                    Force("default_permissions", current.Legacy ? "sandbox_mode=" + selected : selected, fallback, new SourceLocation(current.File, current.Line ?? 0, 0),
                        $"The permission profile `{selected}` is not in allowed_permission_profiles; Codex falls back to `{fallback}`.",
                        $"Use an allowed profile: {string.Join(", ", allowedProfiles.Items.Where(i => i.Value is TomlValueNode { Value: true }).Select(i => i.Key))}.");
                }

                selected = fallback;
            }

            profile = selected;
            ResolvedPermissionProfile effectiveProfile = resolver.Resolve(selected);
            configuredMode ??= ModeOf(effectiveProfile);
            foreach (string name in refused.Where(n => !PermissionResolver.BuiltIns.Contains(n)))
            {
                ResolvedPermissionProfile p = resolver.Resolve(name);
                findings.Add(new CodexFinding(ManagedRuleIds.ProfileRefused, FindingSeverity.Warning,
                    $"The permission profile `{name}` is not in allowed_permission_profiles; Codex refuses it (codex -P {name}, agents that ask for it).",
                    name, p.File, p.Line, $"Allow \"{name}\" in the requirements, or remove the profile."));
            }

            return (effectiveProfile.Error is null ? ModeOf(effectiveProfile) : ManagedPolicyRules.DefaultSandboxMode, configuredExplicitly ? configuredMode : null, profile, refused);
        }

        List<string>? allowedModes = StringList(requirements?["allowed_sandbox_modes"]);
        string mode = configuredMode ?? ManagedPolicyRules.DefaultSandboxMode;
        if (allowedModes is { Count: > 0 } && !allowedModes.Contains(mode))
        {
            Force("sandbox_mode", mode, ManagedPolicyRules.DefaultSandboxMode, new SourceLocation(selection.File ?? string.Empty, selection.Line ?? 0, 0),
                $"The sandbox ({(selection.Legacy ? "sandbox_mode" : "permission profile " + selection.Name)} = {mode}) is not in allowed_sandbox_modes [{string.Join(", ", allowedModes)}]; Codex falls back to read-only.",
                $"Configure one of: {string.Join(", ", allowedModes)}.");
            return (ManagedPolicyRules.DefaultSandboxMode, configuredExplicitly ? mode : null, ":read-only", refused);
        }

        return (mode, configuredExplicitly ? mode : null, profile, refused);
    }

    /// <summary>Codex's classification of a profile for allowed_sandbox_modes: full disk write, some write, or none.</summary>
    private static string ModeOf(ResolvedPermissionProfile profile)
    {
        if (profile.Unrestricted)
        {
            return "danger-full-access";
        }

        bool rootWrite = profile.Rules.Any(r => r.Access == FileSystemAccess.Write && r.Path == "/" && r.Glob is null);
        if (rootWrite)
        {
            return "danger-full-access";
        }

        return profile.Rules.Any(r => r.Access == FileSystemAccess.Write) ? "workspace-write" : "read-only";
    }

    private string[] DisabledServers()
    {
        var inventory = McpServerInventory.Read(stack, includeSecret: false);
        var result = new List<string>();
        foreach (CodexMcpServer server in inventory.Servers.Where(s => s.DisabledBy == "Requirements"))
        {
            string identity = server.Transport == McpDefaults.StdioTransport ? $"command {server.Command}" : $"url {server.Url}";
            result.Add($"{server.Name} ({identity})");
            findings.Add(new CodexFinding(ManagedRuleIds.ServerDisabled, FindingSeverity.Warning,
                $"The MCP server `{server.Name}` ({identity}) is not on the requirements' [mcp_servers] allowlist with that identity; Codex disables it.",
                server.Name, server.File, server.Line,
                $"Allow it in requirements ([mcp_servers.{server.Name}] identity = {{ {(server.Transport == McpDefaults.StdioTransport ? "command" : "url")} = \"...\" }}) or remove it from the configuration."));
        }

        return result.ToArray();
    }

    private (string[] Skipped, string[] Managed) Hooks()
    {
        HookInventory with = HookInventory.Read(stack);
        HookInventory without = HookInventory.Read(baseline);
        var kept = with.Hooks.Select(h => h.Key).ToHashSet(StringComparer.Ordinal);
        var before = without.Hooks.Select(h => h.Key).ToHashSet(StringComparer.Ordinal);
        var skipped = without.Hooks.Where(h => !kept.Contains(h.Key)).ToList();
        foreach (CodexHook hook in skipped)
        {
            findings.Add(new CodexFinding(ManagedRuleIds.HookSkipped, FindingSeverity.Warning,
                $"The {hook.Source} hook {hook.Key} ({hook.Event}: {hook.Command}) does not run: the requirements allow managed hooks only.",
                hook.Key, hook.File, hook.Line, "Move the hook into the requirements' managed hooks, or remove it."));
        }

        string[] managed = with.Hooks.Where(h => h.IsManaged && !before.Contains(h.Key)).Select(h => h.Key).ToArray();
        return (skipped.Select(h => h.Key).ToArray(), managed);
    }

    private void Force(string key, string configured, string effective, SourceLocation where, string message, string remediation)
    {
        forced.Add($"{key}: {configured} -> {effective}");
        findings.Add(new CodexFinding(ManagedRuleIds.ValueForced, FindingSeverity.Warning, message, key,
            string.IsNullOrEmpty(where.File) ? null : where.File, where.Line > 0 ? where.Line : null, remediation));
    }

    private static List<string>? StringList(TomlNode? node) =>
        node is TomlArrayNode array ? array.Items.OfType<TomlValueNode>().Select(v => v.Value as string).OfType<string>().ToList() : null;
}
