using System.Collections;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Managed;

/// <summary>
/// The policy as an admin gives it: a policy table (<c>@{ Requirements = @{...}; ManagedConfig = @{...} }</c>, from a
/// hashtable or a .psd1 file) and/or single settings (New-CodexManagedConfig's parameters), which win over the table.
/// </summary>
public sealed class ManagedPolicyInput
{
    public IDictionary? Policy { get; init; }

    public string Source { get; init; } = "parameters";

    public string[]? AllowedApprovalPolicies { get; init; }

    public string[]? AllowedApprovalsReviewers { get; init; }

    public string[]? AllowedSandboxModes { get; init; }

    public string[]? AllowedPermissionProfiles { get; init; }

    public string? DefaultPermissions { get; init; }

    public IDictionary? PermissionProfiles { get; init; }

    public string[]? DenyRead { get; init; }

    /// <summary>Allowlisted MCP servers: name = command string, or a table with command or url (or identity).</summary>
    public IDictionary? McpServers { get; init; }

    public string? ManagedHooksDirectory { get; init; }

    public string? WindowsManagedHooksDirectory { get; init; }

    /// <summary>Managed hooks: event name = list of @{ matcher = ...; hooks = @(@{ type = 'command'; command = ... }) }.</summary>
    public IDictionary? Hooks { get; init; }

    public bool? AllowManagedHooksOnly { get; init; }

    public IDictionary? Features { get; init; }

    public IList? PrefixRules { get; init; }

    /// <summary>managed_config.toml keys (managed defaults).</summary>
    public IDictionary? Defaults { get; init; }

    private static readonly string[] RequirementSections = { "Requirements", "requirements" };
    private static readonly string[] DefaultSections = { "ManagedConfig", "Defaults", "managed_config" };

    /// <summary>The requirements and the managed defaults as two tables, ready for <see cref="ManagedPolicy.Create"/>.</summary>
    public (IDictionary Requirements, IDictionary Defaults, List<string> UnknownSections) ToTables()
    {
        var requirements = new Hashtable(StringComparer.Ordinal);
        var defaults = new Hashtable(StringComparer.Ordinal);
        var unknown = new List<string>();
        if (Policy is not null)
        {
            foreach (DictionaryEntry section in Policy)
            {
                string name = section.Key?.ToString() ?? string.Empty;
                IDictionary? body = section.Value as IDictionary;
                if (RequirementSections.Contains(name, StringComparer.OrdinalIgnoreCase) && body is not null)
                {
                    Copy(body, requirements);
                }
                else if (DefaultSections.Contains(name, StringComparer.OrdinalIgnoreCase) && body is not null)
                {
                    Copy(body, defaults);
                }
                else
                {
                    unknown.Add(name);
                }
            }
        }

        Set(requirements, "allowed_approval_policies", AllowedApprovalPolicies);
        Set(requirements, "allowed_approvals_reviewers", AllowedApprovalsReviewers);
        Set(requirements, "allowed_sandbox_modes", AllowedSandboxModes);
        if (AllowedPermissionProfiles is not null)
        {
            var table = new Hashtable(StringComparer.Ordinal);
            foreach (string name in AllowedPermissionProfiles)
            {
                table[name] = true;
            }

            requirements["allowed_permission_profiles"] = table;
        }

        Set(requirements, "default_permissions", DefaultPermissions);
        if (PermissionProfiles is not null || DenyRead is not null)
        {
            var permissions = requirements["permissions"] as IDictionary ?? new Hashtable(StringComparer.Ordinal);
            if (PermissionProfiles is not null)
            {
                Copy(PermissionProfiles, permissions);
            }

            if (DenyRead is not null)
            {
                var filesystem = permissions["filesystem"] as IDictionary ?? new Hashtable(StringComparer.Ordinal);
                filesystem["deny_read"] = DenyRead;
                permissions["filesystem"] = filesystem;
            }

            requirements["permissions"] = permissions;
        }

        if (McpServers is not null)
        {
            var servers = new Hashtable(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in McpServers)
            {
                servers[entry.Key] = new Hashtable(StringComparer.Ordinal) { ["identity"] = Identity(entry.Value) };
            }

            requirements["mcp_servers"] = servers;
        }

        if (Hooks is not null || ManagedHooksDirectory is not null || WindowsManagedHooksDirectory is not null)
        {
            var hooks = requirements["hooks"] as IDictionary ?? new Hashtable(StringComparer.Ordinal);
            if (Hooks is not null)
            {
                Copy(Hooks, hooks);
            }

            Set(hooks, "managed_dir", ManagedHooksDirectory);
            Set(hooks, "windows_managed_dir", WindowsManagedHooksDirectory);
            requirements["hooks"] = hooks;
        }

        if (AllowManagedHooksOnly is bool only)
        {
            requirements["allow_managed_hooks_only"] = only;
        }

        if (Features is not null)
        {
            var features = requirements["features"] as IDictionary ?? new Hashtable(StringComparer.Ordinal);
            Copy(Features, features);
            requirements["features"] = features;
        }

        if (PrefixRules is not null)
        {
            var rules = requirements["rules"] as IDictionary ?? new Hashtable(StringComparer.Ordinal);
            rules["prefix_rules"] = PrefixRules;
            requirements["rules"] = rules;
        }

        if (Defaults is not null)
        {
            Copy(Defaults, defaults);
        }

        return (requirements, defaults, unknown);
    }

    /// <summary>
    /// The managed files this policy makes, checked as Codex would check them; none, with the issues that say why, when
    /// the policy has a section that is not Requirements or ManagedConfig, breaks a rule, or sets nothing at all.
    /// </summary>
    public IReadOnlyList<CodexManagedConfig> Render(out IReadOnlyList<CodexIssue> issues)
    {
        var (requirements, defaults, unknownSections) = ToTables();
        var found = unknownSections.Select(section => new CodexIssue(ErrorIds.ManagedPolicyKeyUnknown, IssueKind.InvalidData,
            $"The policy section `{section}` is not Requirements or ManagedConfig; nothing was made from this policy.", Source, Target: section,
            RecommendedAction: "Put requirement keys under Requirements = @{...} and managed defaults under ManagedConfig = @{...}.")).ToList();
        ManagedPolicy? built = ManagedPolicy.Create(requirements, defaults, Source, out IReadOnlyList<CodexIssue> policyIssues);
        found.AddRange(policyIssues);
        issues = found;
        if (built is null || unknownSections.Count > 0)
        {
            return Array.Empty<CodexManagedConfig>();
        }

        IReadOnlyList<CodexManagedConfig> files = ManagedConfigDocument.Render(built);
        if (files.Count == 0)
        {
            found.Add(new CodexIssue(ErrorIds.ManagedPolicyValueInvalid, IssueKind.InvalidData,
                "The policy is empty: it sets no requirement and no managed default.", Source, Target: Source,
                RecommendedAction: "Give at least one setting, e.g. -AllowedApprovalPolicy on-request."));
        }

        return files;
    }

    /// <summary>"codex-mcp" is a command; "https://..." a url; a table gives command or url itself (or an identity table).</summary>
    private static object? Identity(object? value)
    {
        if (value is IDictionary table)
        {
            if (table["identity"] is IDictionary inner)
            {
                return inner;
            }

            var identity = new Hashtable(StringComparer.Ordinal);
            foreach (DictionaryEntry e in table)
            {
                identity[e.Key] = e.Value;
            }

            return identity;
        }

        string text = value?.ToString() ?? string.Empty;
        bool isUrl = text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        return new Hashtable(StringComparer.Ordinal) { [isUrl ? "url" : "command"] = text };
    }

    private static void Copy(IDictionary from, IDictionary to)
    {
        foreach (DictionaryEntry e in from)
        {
            to[e.Key] = e.Value;
        }
    }

    private static void Set(IDictionary table, string key, object? value)
    {
        if (value is not null)
        {
            table[key] = value;
        }
    }
}
