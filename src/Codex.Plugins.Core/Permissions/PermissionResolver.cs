using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Permissions;

/// <summary>
/// Resolves permission profiles the way Codex 0.169.0 does, from a loaded <see cref="ConfigStack"/>:
/// built-ins, [permissions.NAME] tables merged across layers, extends chains (a child's key replaces the parent's
/// same key, built-in keys included), special paths, protected metadata folders under writable roots, requirements,
/// and which of sandbox_mode / default_permissions wins. Every rule keeps the file and line it was written on.
/// </summary>
public sealed class PermissionResolver
{
    public const string ReadOnly = ":read-only";
    public const string Workspace = ":workspace";
    public const string DangerFullAccess = ":danger-full-access";
    public static readonly string[] BuiltIns = { ReadOnly, Workspace, DangerFullAccess };

    /// <summary>
    /// Folders Codex keeps read-only directly under every writable root, whether or not they exist yet, unless an
    /// entry names that exact path (observed in 0.169.0: .git, .codex, .agents and .aws; .ssh is not among them).
    /// </summary>
    public static readonly string[] ProtectedMetadataNames = { ".git", ".codex", ".agents", ".aws" };

    private const string FilesystemKey = "filesystem";
    private readonly ConfigStack stack;
    private readonly TomlTableNode profiles;
    private readonly IReadOnlyList<string>? workspaceOverride;
    private readonly string? tmpDir;
    private readonly Func<string, bool> exists;

    /// <param name="stack">The loaded configuration.</param>
    /// <param name="workspaceRoots">Workspace roots (default: the project path, as Codex uses its cwd).</param>
    /// <param name="tmpDir">$TMPDIR as the sandboxed command would see it (default: this process's).</param>
    /// <param name="exists">How to ask whether a path exists (globs and /tmp depend on it); default the disk.</param>
    public PermissionResolver(ConfigStack stack, IReadOnlyList<string>? workspaceRoots = null, string? tmpDir = null, Func<string, bool>? exists = null)
    {
        this.stack = stack;
        this.exists = exists ?? (p => File.Exists(p) || Directory.Exists(p));
        workspaceOverride = workspaceRoots is { Count: > 0 } ? workspaceRoots.Select(PathRules.Normalize).ToArray() : null;
        this.tmpDir = tmpDir ?? Environment.GetEnvironmentVariable("TMPDIR");
        profiles = new TomlTableNode(new SourceLocation(string.Empty, 0, 0));
        if (stack.Effective.Table("permissions") is { } user)
        {
            Merge(profiles, user);
        }

        // Managed profiles come from requirements too; [permissions.filesystem] there is deny_read, not a profile.
        if (stack.Requirements?.Root?.Table("permissions") is { } managed)
        {
            Merge(profiles, managed);
        }
    }

    /// <summary>Built-ins first, then every [permissions.NAME] table (requirements' included).</summary>
    public IEnumerable<string> ProfileNames => BuiltIns.Concat(profiles.Keys.Where(k => k != FilesystemKey && profiles[k] is TomlTableNode));

    /// <summary>
    /// The profile Codex uses without -P, and what decided it. Pinned against the binary: of the layers that set
    /// sandbox_mode or default_permissions, the highest wins; within one layer default_permissions wins (the docs say
    /// sandbox_mode always does: the binary disagrees). Requirements' allowed_permission_profiles force profile mode.
    /// </summary>
    public (string Name, bool Legacy, string Reason, string? File, int? Line) DefaultSelection()
    {
        TomlTableNode? requirements = stack.Requirements?.Root;
        bool forced = requirements?.Table("allowed_permission_profiles") is not null;
        foreach (ConfigLayer layer in stack.AppliedLayers.Reverse())
        {
            TomlTableNode? root = layer.Root;
            TomlValueNode? dp = root?["default_permissions"] as TomlValueNode;
            TomlValueNode? sm = root?["sandbox_mode"] as TomlValueNode;
            if (dp?.Value is string name)
            {
                string why = sm is null ? "default_permissions" : "default_permissions (sandbox_mode in the same file is ignored)";
                return (name, false, why, dp.Location.File, dp.Location.Line);
            }

            if (sm?.Value is string mode && !forced)
            {
                return (mode, true, "sandbox_mode", sm.Location.File, sm.Location.Line);
            }
        }

        if (requirements?["default_permissions"] is TomlValueNode { Value: string managedDefault } rd)
        {
            return (managedDefault, false, "requirements default_permissions", rd.Location.File, rd.Location.Line);
        }

        // Nothing configured: Codex 0.169.0 renders :root = read only (checked in an untrusted folder).
        return (ReadOnly, false, "nothing configured: read-only", null, null);
    }

    /// <summary>Both sandbox_mode and default_permissions set somewhere: which one Codex ignores.</summary>
    public IEnumerable<CodexFinding> ModeConflicts()
    {
        var sm = stack.AppliedLayers.Select(l => l.Root?["sandbox_mode"]).OfType<TomlValueNode>().LastOrDefault();
        var dp = stack.AppliedLayers.Select(l => l.Root?["default_permissions"]).OfType<TomlValueNode>().LastOrDefault();
        if (sm is null || dp is null)
        {
            yield break;
        }

        var selection = DefaultSelection();
        TomlValueNode ignored = selection.Legacy ? dp : sm;
        string winner = selection.Legacy ? $"sandbox_mode = \"{sm.Value}\"" : $"default_permissions = \"{dp.Value}\"";
        yield return new CodexFinding(PermissionRuleIds.LegacyAndProfileBothSet, FindingSeverity.Warning,
            $"Both sandbox_mode ({sm.Location}) and default_permissions ({dp.Location}) are set; Codex uses {winner} and silently ignores the other.",
            "default_permissions", ignored.Location.File, ignored.Location.Line,
            $"Remove {(selection.Legacy ? "default_permissions" : "sandbox_mode")} so the configuration says what Codex does.");
    }

    /// <summary>Resolves the profile Codex uses by default (see <see cref="DefaultSelection"/>).</summary>
    public ResolvedPermissionProfile ResolveDefault()
    {
        var selection = DefaultSelection();
        ResolvedPermissionProfile profile = selection.Legacy ? ResolveLegacy(selection.Name, selection.File, selection.Line) : Resolve(selection.Name);
        profile.IsDefault = true;
        return profile;
    }

    /// <summary>Resolves a named profile or built-in. Never throws: what Codex refuses is in <see cref="ResolvedPermissionProfile.Error"/>.</summary>
    public ResolvedPermissionProfile Resolve(string name)
    {
        var result = new ResolvedPermissionProfile(name, exists);
        result.IsDefault = DefaultSelection() is { Legacy: false } selected && selected.Name == name;
        var entries = new Dictionary<(string Key, string Sub), RawEntry>();
        var order = new List<(string Key, string Sub)>();
        var network = new NetworkState();
        var chain = new List<string>();
        var roots = new List<string>(workspaceOverride ?? new[] { PathRules.Normalize(stack.Environment.ProjectPath) });

        if (!BuiltIns.Contains(name) && profiles[name] is not TomlTableNode)
        {
            result.Error = new CodexIssue(ErrorIds.PermissionProfileNotFound, IssueKind.NotFound,
                $"default_permissions refers to undefined profile `{name}`", stack.Environment.UserConfigPath, Target: name,
                RecommendedAction: NameSuggestions.HintOr(name, ProfileNames, $"Define [permissions.{name}] or use one of: {string.Join(", ", ProfileNames)}."));
            return result;
        }

        if (profiles[name] is TomlTableNode own)
        {
            result.File = own.Location.File;
            result.Line = own.Location.Line;
            result.Description = own.String("description");
        }

        result.Error = Build(name, chain, entries, order, network, roots);
        result.Chain = chain;
        result.WorkspaceRoots = roots.Distinct().ToArray();
        result.Mode = BuiltIns.Contains(name) ? PermissionProfileMode.BuiltIn : PermissionProfileMode.Profile;
        result.AllowedByRequirements = IsAllowed(name, result);
        if (result.Error is not null)
        {
            return result;
        }

        if (name == DangerFullAccess)
        {
            result.Unrestricted = true;
            return result;
        }

        Bind(result, entries, order);
        ApplyNetwork(result, network);
        AddRequirementDenies(result);
        AddProtectedMetadata(result);
        CheckSandboxCanStart(result);
        return result;
    }

    /// <summary>
    /// What a custom agent asks for: its default_permissions profile, else its legacy sandbox_mode, else nothing
    /// (null: it runs with its parent's sandbox).
    /// </summary>
    public ResolvedPermissionProfile? ResolveAgent(string? defaultPermissions, string? sandboxMode, string? file, int? line) =>
        defaultPermissions is not null ? Resolve(defaultPermissions)
        : sandboxMode is not null ? ResolveLegacy(sandboxMode, file, line)
        : null;

    /// <summary>
    /// What an agent really gets for one probe: its own decision inside its parent's (subagents inherit the parent's
    /// sandbox), with the rule that denies it, the agent's own first.
    /// </summary>
    public static CodexPermissionDecision WithinParent(string agentName, CodexPermissionDecision own, CodexPermissionDecision inherited, string parentName)
    {
        CodexPermissionDecision decider = !own.Allowed ? own : inherited;
        return new CodexPermissionDecision
        {
            Profile = own.Profile,
            Target = own.Target,
            Access = own.Access,
            Allowed = own.Allowed && inherited.Allowed,
            DecidingRule = ReferenceEquals(decider, own) ? own.DecidingRule : $"parent sandbox '{parentName}': {inherited.DecidingRule}",
            File = decider.File,
            Line = decider.Line,
            Agent = agentName,
        };
    }

    /// <summary>A legacy sandbox_mode as the equivalent entries (what Codex renders in &lt;permission_profile&gt;).</summary>
    public ResolvedPermissionProfile ResolveLegacy(string mode, string? file, int? line)
    {
        var result = new ResolvedPermissionProfile("sandbox_mode=" + mode, exists) { Mode = PermissionProfileMode.Legacy, File = file, Line = line };
        result.Chain = new[] { result.Name };
        var roots = new List<string>(workspaceOverride ?? new[] { PathRules.Normalize(stack.Environment.ProjectPath) });
        result.WorkspaceRoots = roots;
        var entries = new Dictionary<(string Key, string Sub), RawEntry>();
        var order = new List<(string Key, string Sub)>();
        string rule = $"sandbox_mode = \"{mode}\"";
        void Add(string key, FileSystemAccess access, string? f = null, int? l = null, string? r = null)
        {
            entries[(key, string.Empty)] = new RawEntry(access, result.Name, "Legacy", f ?? file, l ?? line, r ?? $"{rule} implies \"{key}\" = \"{access.ToString().ToLowerInvariant()}\"");
            order.Add((key, string.Empty));
        }

        switch (mode)
        {
            case "danger-full-access":
                result.Unrestricted = true;
                return result;
            case "read-only":
                Add(":root", FileSystemAccess.Read);
                break;
            case "workspace-write":
                TomlTableNode? ww = stack.Effective.Table("sandbox_workspace_write");
                Add(":root", FileSystemAccess.Read);
                Add(":workspace_roots", FileSystemAccess.Write);
                if (ww?["exclude_slash_tmp"] is not TomlValueNode { Value: true })
                {
                    Add(":slash_tmp", FileSystemAccess.Write);
                }

                if (ww?["exclude_tmpdir_env_var"] is not TomlValueNode { Value: true })
                {
                    Add(":tmpdir", FileSystemAccess.Write);
                }

                if (ww?["writable_roots"] is TomlArrayNode extra)
                {
                    foreach (TomlValueNode v in extra.Items.OfType<TomlValueNode>())
                    {
                        if (v.Value is string p)
                        {
                            Add(p, FileSystemAccess.Write, v.Location.File, v.Location.Line, $"sandbox_workspace_write.writable_roots includes \"{p}\"");
                        }
                    }
                }

                if (ww?["network_access"] is TomlValueNode { Value: true } net)
                {
                    result.NetworkEnabled = true;
                    result.NetworkUnfiltered = true;
                    result.NetworkEnabledSource = (net.Location.File, net.Location.Line, "sandbox_workspace_write.network_access = true (no domain filtering)");
                }

                break;
            default:
                result.Error = new CodexIssue(ErrorIds.PermissionAccessInvalid, IssueKind.InvalidData,
                    $"unknown variant `{mode}`, expected one of `read-only`, `workspace-write`, `danger-full-access`", file, line, Target: "sandbox_mode");
                return result;
        }

        Bind(result, entries, order);
        AddRequirementDenies(result);
        AddProtectedMetadata(result);
        CheckSandboxCanStart(result);
        return result;
    }

    private bool IsAllowed(string name, ResolvedPermissionProfile result)
    {
        if (stack.Requirements?.Root?.Table("allowed_permission_profiles") is not { } allowed)
        {
            return true;
        }

        // A complete allowlist: a name left out, or set to false, is refused, built-ins included.
        bool ok = allowed[name] is TomlValueNode { Value: true };
        if (!ok)
        {
            result.Warnings.Add(new CodexIssue(ErrorIds.PermissionProfileNotAllowed, IssueKind.Warning,
                $"The permission profile `{name}` is not in allowed_permission_profiles; Codex refuses it under these requirements.",
                stack.Requirements.Path, allowed.Location.Line, Target: name,
                RecommendedAction: $"Use one of: {string.Join(", ", allowed.Items.Where(i => i.Value is TomlValueNode { Value: true }).Select(i => i.Key))}."));
        }

        return ok;
    }

    private CodexIssue? Build(string name, List<string> chain, Dictionary<(string, string), RawEntry> entries, List<(string, string)> order, NetworkState network, List<string> roots)
    {
        if (chain.Contains(name))
        {
            chain.Add(name);
            TomlNode? at = profiles[chain[0]];
            return new CodexIssue(ErrorIds.PermissionProfileCycle, IssueKind.InvalidData,
                $"permissions profile inheritance cycle detected: {string.Join(" -> ", chain)}", at?.Location.File, at?.Location.Line, Target: chain[0],
                RecommendedAction: "Remove one of the extends keys so the chain ends at a built-in or at a profile without extends.");
        }

        chain.Add(name);
        if (name == ReadOnly || name == Workspace)
        {
            AddBuiltIn(name, entries, order);
            return null;
        }

        if (name == DangerFullAccess)
        {
            return null;
        }

        var table = (TomlTableNode)profiles[name]!;
        if (table["extends"] is TomlValueNode { Value: string parent } extendsNode)
        {
            if (parent == DangerFullAccess)
            {
                return new CodexIssue(ErrorIds.PermissionProfileUnsupportedParent, IssueKind.InvalidData,
                    $"permissions profile `{name}` cannot extend unsupported built-in profile `{DangerFullAccess}`", extendsNode.Location.File, extendsNode.Location.Line, extendsNode.Location.Column, name,
                    $"Extend {Workspace} or {ReadOnly}; a profile cannot inherit full access.");
            }

            if (!BuiltIns.Contains(parent) && profiles[parent] is not TomlTableNode)
            {
                return new CodexIssue(ErrorIds.PermissionProfileUnknownParent, IssueKind.InvalidData,
                    $"permissions profile `{name}` extends undefined profile `{parent}`", extendsNode.Location.File, extendsNode.Location.Line, extendsNode.Location.Column, name,
                    NameSuggestions.HintOr(parent, ProfileNames, $"Define [permissions.{parent}] or extend a built-in ({ReadOnly}, {Workspace})."));
            }

            if (Build(parent, chain, entries, order, network, roots) is { } inherited)
            {
                return inherited;
            }
        }

        if (table.Table("workspace_roots") is { } extraRoots)
        {
            foreach (var (path, node) in extraRoots.Items)
            {
                if (node is TomlValueNode { Value: true } && Path.IsPathRooted(ExpandHome(path)))
                {
                    roots.Add(PathRules.Normalize(ExpandHome(path)));
                }
            }
        }

        if (table.Table(FilesystemKey) is { } fs)
        {
            foreach (var (key, node) in fs.Items)
            {
                if (key is "glob_scan_max_depth" or "allow_limited_git_writes")
                {
                    continue;
                }

                if (node is TomlValueNode value)
                {
                    if (Access(value, name, $"[permissions.{name}.filesystem]") is var (acc, err) && err is not null)
                    {
                        return err;
                    }

                    Put(entries, order, (key, string.Empty), new RawEntry(acc, name, "Config", value.Location.File, value.Location.Line, $"\"{key}\" = \"{value.Value}\" in [permissions.{name}.filesystem]"));
                }
                else if (node is TomlTableNode scoped)
                {
                    foreach (var (sub, subNode) in scoped.Items)
                    {
                        if (subNode is not TomlValueNode subValue)
                        {
                            // A subpath holds an access word, never another table: Codex refuses to load the file.
                            return new CodexIssue(ErrorIds.PermissionAccessInvalid, IssueKind.InvalidData,
                                "data did not match any variant of untagged enum FilesystemPermissionToml", subNode.Location.File, subNode.Location.Line, subNode.Location.Column, name,
                                $"Write \"{key}/{sub}\" entries as \"{sub}/...\" = \"read\" under [permissions.{name}.filesystem.\"{key}\"]; tables do not nest deeper.");
                        }

                        if (Access(subValue, name, $"[permissions.{name}.filesystem.\"{key}\"]") is var (acc, err) && err is not null)
                        {
                            return err;
                        }

                        string normalizedSub = sub is "." or "" ? string.Empty : sub.Trim('/');
                        if (normalizedSub.Split('/').Any(c => c is "." or ".."))
                        {
                            return new CodexIssue(ErrorIds.PermissionPathNotAbsolute, IssueKind.InvalidData,
                                $"filesystem subpath `{sub}` under `{key}` must not contain `.` or `..` components", subValue.Location.File, subValue.Location.Line, subValue.Location.Column, name,
                                "Write the subpath relative to its parent without . or .. (use \".\" alone for the parent itself).");
                        }

                        Put(entries, order, (key, normalizedSub), new RawEntry(acc, name, "Config", subValue.Location.File, subValue.Location.Line,
                            $"\"{sub}\" = \"{subValue.Value}\" in [permissions.{name}.filesystem.\"{key}\"]"));
                    }
                }
            }
        }

        if (table.Table("network") is { } net)
        {
            if (net["enabled"] is TomlValueNode { Value: bool on } enabled)
            {
                network.Enabled = on;
                network.EnabledSource = (enabled.Location.File, enabled.Location.Line, $"enabled = {(on ? "true" : "false")} in [permissions.{name}.network]");
            }

            if (net.Table("domains") is { } domains)
            {
                foreach (var (pattern, node) in domains.Items)
                {
                    if (node is TomlValueNode { Value: string access } v)
                    {
                        network.Domains[pattern] = (access, name, v.Location.File, v.Location.Line, v.Location.Column);
                    }
                }
            }

            if (net.Table("unix_sockets") is { } sockets)
            {
                foreach (var (path, node) in sockets.Items)
                {
                    if (node is TomlValueNode { Value: string access } v)
                    {
                        network.Sockets[path] = (access, name, v.Location.File, v.Location.Line);
                    }
                }
            }
        }

        return null;
    }

    private static (FileSystemAccess, CodexIssue?) Access(TomlValueNode node, string profile, string table)
    {
        // "deny" is the documented word; "none" is the serde name in codex-rs (FileSystemAccessMode::None).
        switch (node.Value as string)
        {
            case "read": return (FileSystemAccess.Read, null);
            case "write": return (FileSystemAccess.Write, null);
            case "deny":
            case "none": return (FileSystemAccess.Deny, null);
            default:
                return (FileSystemAccess.Read, new CodexIssue(ErrorIds.PermissionAccessInvalid, IssueKind.InvalidData,
                    $"invalid filesystem access `{node}` in {table}: expected `read`, `write` or `deny`", node.Location.File, node.Location.Line, node.Location.Column, profile,
                    "Use \"read\", \"write\" or \"deny\"."));
        }
    }

    private static void Put(Dictionary<(string, string), RawEntry> entries, List<(string, string)> order, (string, string) key, RawEntry entry)
    {
        // extends: the child's key replaces the parent's (a child's ":slash_tmp" = "read" turns off :workspace's write).
        if (!entries.ContainsKey(key))
        {
            order.Add(key);
        }

        entries[key] = entry;
    }

    private static void AddBuiltIn(string name, Dictionary<(string, string), RawEntry> entries, List<(string, string)> order)
    {
        void Add(string key, FileSystemAccess access) =>
            Put(entries, order, (key, string.Empty), new RawEntry(access, name, "BuiltIn", null, null, $"\"{key}\" = \"{access.ToString().ToLowerInvariant()}\" (built-in {name})"));

        Add(":root", FileSystemAccess.Read);
        if (name == Workspace)
        {
            Add(":workspace_roots", FileSystemAccess.Write);
            Add(":slash_tmp", FileSystemAccess.Write);
            Add(":tmpdir", FileSystemAccess.Write);
        }
    }

    private void Bind(ResolvedPermissionProfile result, Dictionary<(string Key, string Sub), RawEntry> entries, List<(string Key, string Sub)> order)
    {
        foreach (var key in order)
        {
            RawEntry e = entries[key];
            IEnumerable<string> bases;
            try
            {
                bases = Bases(key.Key, e, result);
            }
            catch (CodexIssueException ex)
            {
                result.Error = ex.Issue;
                result.Rules.Clear();
                return;
            }

            foreach (string b in bases)
            {
                string full = key.Sub.Length == 0 ? b : (b == "/" ? "/" + key.Sub : b + "/" + key.Sub);
                // A glob can be the subpath of a table or the whole key ("/srv/**/*.pem" = "deny").
                bool glob = PathRules.IsGlob(key.Sub) || PathRules.IsGlob(b);
                if (glob && e.Access != FileSystemAccess.Deny)
                {
                    // Codex 0.169.0: a glob only denies; "<path>/**" = "read" is the one allowed form (the subtree).
                    string prefix = full.EndsWith("/**", StringComparison.Ordinal) ? full[..^3] : full;
                    if (e.Access != FileSystemAccess.Read || PathRules.IsGlob(prefix))
                    {
                        string written = key.Sub.Length == 0 ? key.Key : key.Sub;
                        result.Error = new CodexIssue(ErrorIds.PermissionAccessInvalid, IssueKind.InvalidData,
                            $"filesystem glob path `{written}` only supports `deny` access; use an exact path or trailing `/**` for `read` subtree access", e.File, e.Line, Target: written,
                            RecommendedAction: "Give the glob \"deny\", or write the folder itself (or folder/** for read).");
                        result.Rules.Clear();
                        return;
                    }

                    full = prefix;
                    glob = false;
                }

                result.Rules.Add(new FileSystemRule(key.Key, key.Sub, glob ? null : PathRules.Normalize(full), glob ? full : null,
                    e.Access, e.DefinedBy, e.Origin, e.File, e.Line, e.Rule));
            }
        }
    }

    private IEnumerable<string> Bases(string key, RawEntry e, ResolvedPermissionProfile result)
    {
        switch (key)
        {
            case ":root":
                return new[] { "/" };
            case ":workspace_roots":
                return result.WorkspaceRoots;
            case ":tmpdir":
                return !string.IsNullOrEmpty(tmpDir) && Path.IsPathRooted(tmpDir) ? new[] { PathRules.Normalize(tmpDir) } : Array.Empty<string>();
            case ":slash_tmp":
                return exists("/tmp") ? new[] { "/tmp" } : Array.Empty<string>();
            case ":minimal":
                // Platform defaults (loader and libraries): not a path list Codex shows; no probe is decided by it.
                return Array.Empty<string>();
        }

        if (key.StartsWith(':'))
        {
            // Codex keeps unknown special paths for forward compatibility and ignores them with a warning.
            result.Warnings.Add(new CodexIssue(ErrorIds.PermissionSpecialPathUnknown, IssueKind.Warning,
                $"Unknown special path `{key}` in [permissions.{e.DefinedBy}.filesystem]; Codex ignores it.", e.File, e.Line, Target: key,
                RecommendedAction: "Use :root, :minimal, :workspace_roots, :tmpdir or :slash_tmp."));
            return Array.Empty<string>();
        }

        string expanded = ExpandHome(key);
        if (!Path.IsPathRooted(expanded))
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.PermissionPathNotAbsolute, IssueKind.InvalidData,
                $"filesystem path `{key}` must be absolute, use `~/...`, or start with `:`", e.File, e.Line, Target: key,
                RecommendedAction: $"Write \"{key}\" as an absolute path, a ~/ path, or under [permissions.{e.DefinedBy}.filesystem.\":workspace_roots\"]."));
        }

        return new[] { PathRules.IsGlob(expanded) ? expanded : PathRules.Normalize(expanded) };
    }

    private string ExpandHome(string path) =>
        path == "~" ? stack.Environment.UserHome
        : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(stack.Environment.UserHome, path[2..])
        : path;

    private void ApplyNetwork(ResolvedPermissionProfile result, NetworkState network)
    {
        result.NetworkEnabled = network.Enabled;
        result.NetworkEnabledSource = network.EnabledSource;
        foreach (var (pattern, (access, definedBy, file, line, column)) in network.Domains)
        {
            bool deny = access == "deny";
            if (access is not ("allow" or "deny"))
            {
                result.Error = new CodexIssue(ErrorIds.PermissionDomainInvalid, IssueKind.InvalidData,
                    $"unknown variant `{access}`, expected `allow` or `deny`", file, line, column, pattern);
                return;
            }

            if (DomainPattern.Parse(pattern, deny, out string? error) is not { } parsed)
            {
                result.Error = new CodexIssue(ErrorIds.PermissionDomainInvalid, IssueKind.InvalidData, error!, file, line, column, pattern,
                    "Use an exact host (api.example.com), *.example.com (subdomains), **.example.com (apex and subdomains), or * (allow only).");
                return;
            }

            if (!parsed.IsUsable)
            {
                result.Warnings.Add(new CodexIssue(ErrorIds.PermissionDomainInvalid, IssueKind.Warning,
                    $"The domain pattern `{pattern}` in [permissions.{definedBy}.network.domains] is not a host name or scoped wildcard; Codex loads it, but no host matches it.",
                    file, line, column, pattern, "Use an exact host, *.example.com, **.example.com, or * (allow only)."));
            }

            result.Domains.Add(new DomainRule(parsed, deny, definedBy, file, line, $"\"{pattern}\" = \"{access}\" in [permissions.{definedBy}.network.domains]"));
        }

        foreach (var (path, (access, definedBy, file, line)) in network.Sockets)
        {
            // 0.169.0 takes allow or deny here; "none" (in older code and docs) stops the load with these words.
            if (access is not ("allow" or "deny"))
            {
                result.Error = new CodexIssue(ErrorIds.PermissionAccessInvalid, IssueKind.InvalidData,
                    $"unknown variant `{access}`, expected `allow` or `deny`", file, line, Target: path,
                    RecommendedAction: $"Write \"{path}\" = \"allow\" or \"deny\" in [permissions.{definedBy}.network.unix_sockets].");
                return;
            }

            result.UnixSockets.Add((path, access, file, line, definedBy));
        }
    }

    private void AddRequirementDenies(ResolvedPermissionProfile result)
    {
        if (stack.Requirements?.Root?.Table("permissions")?.Table(FilesystemKey)?["deny_read"] is not TomlArrayNode denies)
        {
            return;
        }

        foreach (TomlValueNode v in denies.Items.OfType<TomlValueNode>())
        {
            if (v.Value is not string p)
            {
                continue;
            }

            string expanded = ExpandHome(p);
            bool glob = PathRules.IsGlob(expanded);
            result.Rules.Add(new FileSystemRule(p, string.Empty, glob ? null : PathRules.Normalize(expanded), glob ? expanded : null, FileSystemAccess.Deny,
                "requirements", "Requirements", v.Location.File, v.Location.Line, $"deny_read includes \"{p}\" in [permissions.filesystem] (requirements)"));
        }
    }

    /// <summary>
    /// bubblewrap masks a denied folder read-only, then cannot create the mount point of a deny entry inside it:
    /// `codex sandbox` then fails before the command runs ("bwrap: Can't create file at X: Read-only file system",
    /// "Can't mkdir X" for an existing folder). Explicit paths fail when they exist, and also when missing under a
    /// writable root; globs fail through the existing paths they expand to. Observed with 0.169.0 on Linux; a deny inside a read-only folder is fine.
    /// </summary>
    private void CheckSandboxCanStart(ResolvedPermissionProfile result)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var denied = result.Rules.Where(r => r.Access == FileSystemAccess.Deny && r.Path is not null).ToList();
        foreach (FileSystemRule inner in result.Rules.Where(r => r.Access == FileSystemAccess.Deny))
        {
            foreach (FileSystemRule outer in denied)
            {
                if (ReferenceEquals(inner, outer))
                {
                    continue;
                }

                // A missing inner path only fails under a writable root (observed: under :read-only it is skipped).
                string? blocked = inner.Path is not null
                    ? (inner.Path != outer.Path && PathRules.IsWithin(inner.Path, outer.Path!)
                        && (exists(inner.Path) || result.Rules.Any(w => w.Access == FileSystemAccess.Write && w.Path is not null && PathRules.IsWithin(outer.Path!, w.Path)))
                        ? inner.Path : null)
                    : FirstGlobMatchUnder(inner, outer.Path!);
                if (blocked is not null)
                {
                    result.SandboxStartError = Directory.Exists(blocked)
                        ? $"bwrap: Can't mkdir {blocked}: Read-only file system"
                        : $"bwrap: Can't create file at {blocked}: Read-only file system";
                    result.SandboxStartRule = inner;
                    result.Warnings.Add(new CodexIssue(ErrorIds.PermissionSandboxCannotStart, IssueKind.Warning,
                        $"The profile `{result.Name}` denies {blocked} inside the denied folder {outer.Path} ({inner.Rule}); the Linux sandbox cannot start: {result.SandboxStartError}",
                        inner.File, inner.Line, Target: result.Name, RecommendedAction: $"Remove the inner entry: {outer.Rule} already denies everything under {outer.Path}."));
                    return;
                }
            }
        }
    }

    private string? FirstGlobMatchUnder(FileSystemRule glob, string folder)
    {
        if (glob.Glob is null || !Directory.Exists(folder))
        {
            return null;
        }

        // Bounded walk: denied folders are usually small; a huge one is not worth a slow answer.
        var regex = PathRules.GlobToRegex(glob.Glob);
        int seen = 0;
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.Count > 0 && seen < 10_000)
        {
            string dir = pending.Pop();
            IEnumerable<string> children;
            try
            {
                children = Directory.EnumerateFileSystemEntries(dir).ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (string child in children)
            {
                seen++;
                if (regex.IsMatch(child))
                {
                    return child;
                }

                if (Directory.Exists(child))
                {
                    pending.Push(child);
                }
            }
        }

        return null;
    }

    private void AddProtectedMetadata(ResolvedPermissionProfile result)
    {
        var explicitPaths = new HashSet<string>(result.Rules.Where(r => r.Path is not null).Select(r => r.Path!), StringComparer.Ordinal);
        var writableRoots = result.Rules
            .Where(r => r.Access == FileSystemAccess.Write && r.Path is not null && result.Decide(r.Path, out _)?.Access == FileSystemAccess.Write)
            .ToList();
        foreach (FileSystemRule root in writableRoots)
        {
            foreach (string name in ProtectedMetadataNames)
            {
                string path = root.Path == "/" ? "/" + name : root.Path + "/" + name;
                if (explicitPaths.Add(path))
                {
                    result.Rules.Add(new FileSystemRule(root.Key, root.SubPath.Length == 0 ? name : root.SubPath + "/" + name, path, null, FileSystemAccess.Read, root.DefinedBy, "Protected", root.File, root.Line,
                        $"{name} directly under the writable root {root.Path} stays read-only (Codex protects .git, .codex, .agents, .aws)"));
                }
            }
        }
    }

    private static void Merge(TomlTableNode into, TomlTableNode from)
    {
        foreach (var (key, node) in from.Items)
        {
            into.Set(key, into[key] is TomlTableNode below && node is TomlTableNode above ? ConfigStackLoader.MergeTables(below, above) : node);
        }
    }

    private sealed record RawEntry(FileSystemAccess Access, string DefinedBy, string Origin, string? File, int? Line, string Rule);

    private sealed class NetworkState
    {
        public bool Enabled { get; set; }

        public (string? File, int? Line, string Rule) EnabledSource { get; set; } = (null, null, "network.enabled is not set (default false)");

        public Dictionary<string, (string Access, string DefinedBy, string? File, int? Line, int? Column)> Domains { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, (string Access, string DefinedBy, string? File, int? Line)> Sockets { get; } = new(StringComparer.Ordinal);
    }
}
