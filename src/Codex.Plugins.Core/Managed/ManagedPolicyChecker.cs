using Codex.Plugins.Diagnostics;
using Codex.Plugins.Hooks;
using Codex.Plugins.Permissions;

namespace Codex.Plugins.Managed;

/// <summary>
/// The checks Codex 0.169.0 makes when it loads requirements.toml and managed_config.toml (each observed with the
/// binary or read from codex-rs config_requirements.rs), plus the contradictions between the two files that Codex
/// would settle silently by replacing the managed default.
/// </summary>
internal sealed class ManagedPolicyChecker
{
    private readonly IReadOnlyDictionary<string, object?> requirements;
    private readonly IReadOnlyDictionary<string, object?> defaults;
    private readonly string source;
    private readonly List<CodexIssue> issues;

    public ManagedPolicyChecker(IReadOnlyDictionary<string, object?> requirements, IReadOnlyDictionary<string, object?> defaults, string source, List<CodexIssue> issues)
    {
        this.requirements = requirements;
        this.defaults = defaults;
        this.source = source;
        this.issues = issues;
    }

    public void CheckRequirements()
    {
        // Codex: "field `allowed_approval_policies` cannot be empty" (and the same for reviewers), and the config fails to load.
        CheckList("allowed_approval_policies", ManagedPolicyRules.ApprovalPolicies, mayBeEmpty: false);
        CheckList("allowed_approvals_reviewers", ManagedPolicyRules.ApprovalsReviewers, mayBeEmpty: false);
        CheckList("allowed_web_search_modes", ManagedPolicyRules.WebSearchModes, mayBeEmpty: true);
        if (CheckList("allowed_sandbox_modes", ManagedPolicyRules.SandboxModes, mayBeEmpty: false) is { } modes && !modes.Contains("read-only"))
        {
            Invalid("allowed_sandbox_modes", "allowed_sandbox_modes must include 'read-only' to allow any permission profile; Codex refuses to load these requirements (\"invalid input parameter\").",
                "Add \"read-only\" to allowed_sandbox_modes.");
        }

        foreach (string key in new[] { "allow_managed_hooks_only", "allow_appshots", "allow_remote_control", "plugin_sharing" })
        {
            if (requirements.TryGetValue(key, out object? v) && v is not bool)
            {
                Invalid(key, $"`{key}` must be true or false.", $"Set {key} = true or false.");
            }
        }

        CheckPermissionProfiles();
        CheckDenyRead();
        CheckMcpAllowlist();
        CheckHooks();
        CheckFeatures(requirements, "requirements");
        CheckPrefixRules();
    }

    public void CheckDefaults()
    {
        CheckScalar(defaults, "approval_policy", ManagedPolicyRules.ApprovalPolicies.Where(p => p != "granular"), "managed_config");
        CheckScalar(defaults, "sandbox_mode", ManagedPolicyRules.ConfigSandboxModes, "managed_config");
        CheckScalar(defaults, "approvals_reviewer", ManagedPolicyRules.ApprovalsReviewers, "managed_config");
        CheckScalar(defaults, "web_search", ManagedPolicyRules.WebSearchModes, "managed_config");
        CheckFeatures(defaults, "managed_config");
        if (defaults.TryGetValue("mcp_servers", out object? servers) && servers is IReadOnlyDictionary<string, object?> table)
        {
            foreach (var (name, body) in table)
            {
                if (body is not IReadOnlyDictionary<string, object?> server || (server.ContainsKey("command") == server.ContainsKey("url")))
                {
                    Invalid($"mcp_servers.{name}", $"The managed MCP server `{name}` needs exactly one of command (stdio) or url (streamable HTTP); Codex refuses to load it (\"invalid transport\").",
                        "Give the server a command or a url, not both.", file: "managed_config");
                }
                else if (server.ContainsKey("bearer_token"))
                {
                    Invalid($"mcp_servers.{name}.bearer_token", "bearer_token is not supported: Codex refuses inline tokens. Use bearer_token_env_var.",
                        "Name the environment variable that holds the token with bearer_token_env_var.", file: "managed_config");
                }
            }
        }
    }

    public void CheckContradictions()
    {
        var approvals = StringList(requirements, "allowed_approval_policies");
        if (defaults.TryGetValue("approval_policy", out object? ap) && ap is string policy && approvals is not null && !approvals.Contains(policy))
        {
            Contradiction("approval_policy", $"The managed default approval_policy = \"{policy}\" is not in the policy's own allowed_approval_policies [{string.Join(", ", approvals)}]; Codex would replace it with \"{approvals[0]}\" on every machine.",
                $"Set approval_policy to one of: {string.Join(", ", approvals)}, or allow \"{policy}\".");
        }

        var sandboxes = StringList(requirements, "allowed_sandbox_modes");
        if (defaults.TryGetValue("sandbox_mode", out object? sm) && sm is string mode && sandboxes is not null && !sandboxes.Contains(mode))
        {
            Contradiction("sandbox_mode", $"The managed default sandbox_mode = \"{mode}\" is not in the policy's own allowed_sandbox_modes [{string.Join(", ", sandboxes)}]; Codex would fall back to read-only.",
                $"Set sandbox_mode to one of: {string.Join(", ", sandboxes)}, or allow \"{mode}\".");
        }

        var reviewers = StringList(requirements, "allowed_approvals_reviewers");
        if (defaults.TryGetValue("approvals_reviewer", out object? ar) && ar is string reviewer && reviewers is not null && !reviewers.Contains(reviewer))
        {
            Contradiction("approvals_reviewer", $"The managed default approvals_reviewer = \"{reviewer}\" is not in allowed_approvals_reviewers [{string.Join(", ", reviewers)}].",
                $"Set approvals_reviewer to one of: {string.Join(", ", reviewers)}.");
        }

        if (requirements.TryGetValue("allowed_permission_profiles", out object? apObj) && apObj is IReadOnlyDictionary<string, object?> allowed)
        {
            foreach (var (where, value) in new[] { ("managed_config default_permissions", defaults.GetValueOrDefault("default_permissions")), ("requirements default_permissions", requirements.GetValueOrDefault("default_permissions")) })
            {
                if (value is string profile && allowed.GetValueOrDefault(profile) is not true)
                {
                    Contradiction("default_permissions", $"The {where} \"{profile}\" is not allowed by the policy's own allowed_permission_profiles; Codex would refuse it.",
                        $"Allow \"{profile}\" in allowed_permission_profiles, or choose an allowed profile.");
                }
            }
        }

        if (requirements.GetValueOrDefault("features") is IReadOnlyDictionary<string, object?> pins && defaults.GetValueOrDefault("features") is IReadOnlyDictionary<string, object?> wanted)
        {
            foreach (var (feature, value) in wanted)
            {
                if (pins.TryGetValue(feature, out object? pinned) && pinned is bool p && value is bool w && p != w)
                {
                    Contradiction($"features.{feature}", $"managed_config sets features.{feature} = {(w ? "true" : "false")} while requirements pin it to {(p ? "true" : "false")}.",
                        $"Drop features.{feature} from the managed defaults, or change the pin.");
                }
            }
        }

        if (requirements.GetValueOrDefault("hooks") is IReadOnlyDictionary<string, object?> && requirements.GetValueOrDefault("features") is IReadOnlyDictionary<string, object?> f && f.GetValueOrDefault("hooks") is false)
        {
            Contradiction("hooks", "The policy defines managed hooks but pins features.hooks = false, so none of them would run.", "Pin features.hooks = true with managed hooks.");
        }

        if (requirements.GetValueOrDefault("mcp_servers") is IReadOnlyDictionary<string, object?> allowlist && defaults.GetValueOrDefault("mcp_servers") is IReadOnlyDictionary<string, object?> managedServers)
        {
            foreach (var (name, body) in managedServers)
            {
                if (body is not IReadOnlyDictionary<string, object?> server)
                {
                    continue;
                }

                var identity = (allowlist.GetValueOrDefault(name) as IReadOnlyDictionary<string, object?>)?.GetValueOrDefault("identity") as IReadOnlyDictionary<string, object?>;
                bool matches = identity is not null &&
                    ((identity.GetValueOrDefault("command") is string c && server.GetValueOrDefault("command") as string == c) ||
                     (identity.GetValueOrDefault("url") is string u && server.GetValueOrDefault("url") as string == u));
                if (!matches)
                {
                    Contradiction($"mcp_servers.{name}", $"managed_config defines the MCP server `{name}`, which the policy's own [mcp_servers] allowlist does not allow with that identity; Codex would disable it.",
                        $"Add [mcp_servers.{name}] identity = {{ command = ... }} or {{ url = ... }} matching the server to the requirements.");
                }
            }
        }
    }

    private void CheckPermissionProfiles()
    {
        if (requirements.GetValueOrDefault("allowed_permission_profiles") is not { } value)
        {
            return;
        }

        if (value is not IReadOnlyDictionary<string, object?> allowed)
        {
            Invalid("allowed_permission_profiles", "allowed_permission_profiles must be a table of \"<profile>\" = true/false.", "Write it as @{ ':read-only' = $true; 'team' = $true }.");
            return;
        }

        foreach (var (name, allow) in allowed)
        {
            if (allow is not bool)
            {
                Invalid($"allowed_permission_profiles.{name}", $"allowed_permission_profiles.\"{name}\" must be true or false.", "Use true to allow the profile, false (or leave it out) to refuse it.");
            }

            if (name == "filesystem" || (name.StartsWith(':') && !PermissionResolver.BuiltIns.Contains(name)))
            {
                Invalid($"allowed_permission_profiles.{name}", $"`{name}` cannot be a permission profile name (\"filesystem\" is reserved; names starting with ':' are built-ins: {string.Join(", ", PermissionResolver.BuiltIns)}).",
                    "Rename the profile.");
            }
        }

        // Observed: "requirements.toml default_permissions must be set unless allowed_permission_profiles allows both `:workspace` and `:read-only`".
        if (!requirements.ContainsKey("default_permissions") && !(allowed.GetValueOrDefault(PermissionResolver.Workspace) is true && allowed.GetValueOrDefault(PermissionResolver.ReadOnly) is true))
        {
            Invalid("default_permissions", "requirements.toml default_permissions must be set unless allowed_permission_profiles allows both `:workspace` and `:read-only`; Codex refuses to start otherwise.",
                "Set default_permissions to an allowed profile, or allow both :workspace and :read-only.");
        }
    }

    private void CheckDenyRead()
    {
        var filesystem = (requirements.GetValueOrDefault("permissions") as IReadOnlyDictionary<string, object?>)?.GetValueOrDefault("filesystem") as IReadOnlyDictionary<string, object?>;
        if (filesystem?.GetValueOrDefault("deny_read") is not { } deny)
        {
            return;
        }

        if (deny is not IReadOnlyList<object?> list || list.Any(p => p is not string))
        {
            Invalid("permissions.filesystem.deny_read", "deny_read must be a list of paths.", "Write it as @('~/.ssh', '/**/*.pem').");
            return;
        }

        foreach (string path in list.Cast<string>())
        {
            bool absolute = path.StartsWith('/') || path.StartsWith("~/", StringComparison.Ordinal) || path == "~" ||
                (path.Length > 2 && path[1] == ':' && (path[2] == '\\' || path[2] == '/')) || path.StartsWith(@"\\", StringComparison.Ordinal);
            bool glob = path.IndexOfAny(new[] { '*', '?', '[' }) >= 0;
            if (!absolute && !(glob && !path.StartsWith('.')))
            {
                Invalid("permissions.filesystem.deny_read", $"deny_read entry \"{path}\" is not an absolute path, a ~/ path or a glob; Codex refuses relative paths here.",
                    "Write the path from the root (/...), from the home (~/...), or as a glob.");
            }
        }
    }

    private void CheckMcpAllowlist()
    {
        if (requirements.GetValueOrDefault("mcp_servers") is not { } value)
        {
            return;
        }

        if (value is not IReadOnlyDictionary<string, object?> servers)
        {
            Invalid("mcp_servers", "mcp_servers must be a table of server names, each with an identity.", "Write it as @{ docs = @{ identity = @{ command = 'codex-mcp' } } }.");
            return;
        }

        foreach (var (name, body) in servers)
        {
            var identity = (body as IReadOnlyDictionary<string, object?>)?.GetValueOrDefault("identity") as IReadOnlyDictionary<string, object?>;
            bool ok = identity is not null && identity.Count == 1 && (identity.GetValueOrDefault("command") is string { Length: > 0 } || identity.GetValueOrDefault("url") is string { Length: > 0 });
            if (!ok)
            {
                Invalid($"mcp_servers.{name}", $"The allowlisted MCP server `{name}` needs identity = {{ command = \"...\" }} or {{ url = \"...\" }} (one of them); Codex refuses the requirements otherwise.",
                    "Give the server's command (stdio) or url (HTTP) as its identity.");
            }
        }
    }

    private void CheckHooks()
    {
        if (requirements.GetValueOrDefault("hooks") is not { } value)
        {
            return;
        }

        if (value is not IReadOnlyDictionary<string, object?> hooks)
        {
            Invalid("hooks", "hooks must be a table: managed_dir and the events.", "Write it as @{ managed_dir = '/enterprise/hooks'; PreToolUse = @(...) }.");
            return;
        }

        foreach (var (key, body) in hooks)
        {
            if (key is "managed_dir" or "windows_managed_dir")
            {
                if (body is not string dir || !(dir.StartsWith('/') || (dir.Length > 2 && dir[1] == ':')))
                {
                    Invalid($"hooks.{key}", $"hooks.{key} must be an absolute folder.", "Give the folder the managed hook scripts live in, from the root.");
                }

                continue;
            }

            if (HookEvent.Find(key) is null)
            {
                Invalid($"hooks.{key}", $"`{key}` is not a hook event Codex knows (events: {string.Join(", ", HookEvent.Names)}).", "Use one of the event names, spelt as Codex spells them.");
                continue;
            }

            foreach (object? group in body as IReadOnlyList<object?> ?? new List<object?> { body })
            {
                var handlers = (group as IReadOnlyDictionary<string, object?>)?.GetValueOrDefault("hooks") as IReadOnlyList<object?>;
                if (handlers is null || handlers.Count == 0 || handlers.Any(h => h is not IReadOnlyDictionary<string, object?> hd || hd.GetValueOrDefault("command") is not string { Length: > 0 }))
                {
                    Invalid($"hooks.{key}", $"Each {key} entry needs hooks = @(@{{ type = 'command'; command = '...' }}); Codex skips a handler without a command.",
                        "Give every handler a type and a command.");
                }
            }
        }

        if (!hooks.ContainsKey("managed_dir") && !hooks.ContainsKey("windows_managed_dir"))
        {
            Invalid("hooks.managed_dir", "Managed hooks need managed_dir (and windows_managed_dir for Windows machines): the folder their scripts are installed in.", "Set hooks.managed_dir.");
        }
    }

    private void CheckFeatures(IReadOnlyDictionary<string, object?> tree, string file)
    {
        if (tree.GetValueOrDefault("features") is not { } value)
        {
            return;
        }

        if (value is not IReadOnlyDictionary<string, object?> features || features.Values.Any(v => v is not bool))
        {
            Invalid("features", "features must be a table of feature names set to true or false.", "Write it as @{ hooks = $true; plugins = $false }.", file);
        }
    }

    private void CheckPrefixRules()
    {
        if ((requirements.GetValueOrDefault("rules") as IReadOnlyDictionary<string, object?>)?.GetValueOrDefault("prefix_rules") is not { } value)
        {
            return;
        }

        foreach (object? rule in value as IReadOnlyList<object?> ?? new List<object?> { value })
        {
            var r = rule as IReadOnlyDictionary<string, object?>;
            string? decision = r?.GetValueOrDefault("decision") as string;
            if (decision is not null && !ManagedPolicyRules.PrefixRuleDecisions.Contains(decision))
            {
                Invalid("rules.prefix_rules", $"A prefix rule's decision \"{decision}\" is not one Codex accepts in requirements (prompt, forbidden; requirements cannot allow).",
                    "Use decision = 'prompt' or 'forbidden'.");
            }

            if (decision is null || r!.GetValueOrDefault("pattern") is not IReadOnlyList<object?> { Count: > 0 } pattern ||
                pattern.Any(t => t is not IReadOnlyDictionary<string, object?> token || !(token.ContainsKey("token") || token.ContainsKey("any_of"))))
            {
                Invalid("rules.prefix_rules", "A prefix rule needs a pattern (a list of @{ token = '...' } or @{ any_of = @(...) }) and a decision.",
                    "Write it as @{ pattern = @(@{ token = 'rm' }); decision = 'forbidden' }.");
            }
        }
    }

    private List<string>? CheckList(string key, IReadOnlyList<string> allowedValues, bool mayBeEmpty)
    {
        if (requirements.GetValueOrDefault(key) is not { } value)
        {
            return null;
        }

        List<string> values = value is IReadOnlyList<object?> list ? list.Select(v => v as string ?? string.Empty).ToList() : new List<string> { value as string ?? string.Empty };
        if (values.Count == 0 && !mayBeEmpty)
        {
            Invalid(key, $"field `{key}` cannot be empty; Codex refuses to load these requirements.", $"Give at least one of: {string.Join(", ", allowedValues)}.");
        }

        foreach (string v in values.Where(v => !allowedValues.Contains(v)))
        {
            Invalid(key, $"unknown variant `{v}` in {key}, expected one of {string.Join(", ", allowedValues.Select(a => $"`{a}`"))}.", $"Use one of: {string.Join(", ", allowedValues)}.");
        }

        return values;
    }

    private void CheckScalar(IReadOnlyDictionary<string, object?> tree, string key, IEnumerable<string> allowedValues, string file)
    {
        if (tree.GetValueOrDefault(key) is { } value && (value is not string s || !allowedValues.Contains(s)))
        {
            Invalid(key, $"unknown variant `{value}` for {key}, expected one of {string.Join(", ", allowedValues.Select(a => $"`{a}`"))}.", $"Use one of: {string.Join(", ", allowedValues)}.", file);
        }
    }

    private static List<string>? StringList(IReadOnlyDictionary<string, object?> tree, string key) =>
        tree.GetValueOrDefault(key) is IReadOnlyList<object?> list ? list.OfType<string>().ToList() : tree.GetValueOrDefault(key) is string one ? new List<string> { one } : null;

    private void Invalid(string key, string message, string action, string file = "requirements") =>
        issues.Add(new CodexIssue(ErrorIds.ManagedPolicyValueInvalid, IssueKind.InvalidData, $"{file}.toml: {message}", source, Target: key, RecommendedAction: action));

    private void Contradiction(string key, string message, string action) =>
        issues.Add(new CodexIssue(ErrorIds.ManagedPolicyContradiction, IssueKind.InvalidData, message, source, Target: key, RecommendedAction: action));
}
