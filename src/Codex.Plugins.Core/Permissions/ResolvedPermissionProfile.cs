using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Permissions;

/// <summary>
/// A permission profile resolved for one machine and workspace: every filesystem rule bound to an absolute path or
/// glob, the network policy, and the problems met. Decisions come from <see cref="CheckPath"/> and
/// <see cref="CheckDomain"/>; both name the rule that decided.
/// </summary>
public sealed class ResolvedPermissionProfile
{
    private readonly Func<string, bool> exists;

    internal ResolvedPermissionProfile(string name, Func<string, bool> exists)
    {
        Name = name;
        this.exists = exists;
    }

    public string Name { get; }

    public string? Description { get; internal set; }

    public IReadOnlyList<string> Chain { get; internal set; } = Array.Empty<string>();

    /// <summary>Profile, Legacy or BuiltIn.</summary>
    public PermissionProfileMode Mode { get; internal set; } = PermissionProfileMode.Profile;

    public bool Unrestricted { get; internal set; }

    public bool IsDefault { get; internal set; }

    public bool AllowedByRequirements { get; internal set; } = true;

    public IReadOnlyList<string> WorkspaceRoots { get; internal set; } = Array.Empty<string>();

    internal List<FileSystemRule> Rules { get; } = new();

    public bool NetworkEnabled { get; internal set; }

    /// <summary>Legacy sandbox_workspace_write.network_access: full network, no domain filtering.</summary>
    internal bool NetworkUnfiltered { get; set; }

    internal (string? File, int? Line, string Rule) NetworkEnabledSource { get; set; } = (null, null, "network.enabled is not set (default false)");

    internal List<DomainRule> Domains { get; } = new();

    internal List<(string Path, string Access, string? File, int? Line, string DefinedBy)> UnixSockets { get; } = new();

    /// <summary>Set when Codex refuses the profile; no decision is made then.</summary>
    public CodexIssue? Error { get; internal set; }

    public List<CodexIssue> Warnings { get; } = new();

    public string? File { get; internal set; }

    public int? Line { get; internal set; }

    /// <summary>
    /// Set when bubblewrap cannot build this sandbox, so no command runs at all: a deny entry inside a folder that is
    /// itself denied (bwrap cannot create the inner mount point on the read-only mask). Codex accepts the profile and
    /// shows it, but `codex sandbox -P` fails with these words (checked against 0.169.0 on Linux).
    /// </summary>
    public string? SandboxStartError { get; internal set; }

    internal FileSystemRule? SandboxStartRule { get; set; }

    /// <summary>
    /// May the profile read or write this absolute path? Codex's rule: of the entries covering the path, the most
    /// specific (deepest) wins; between equally specific ones deny beats write beats read; nothing covering = denied.
    /// </summary>
    public CodexPermissionDecision CheckPath(string path, FileSystemAccess access)
    {
        string target = PathRules.Normalize(path);
        string accessName = access == FileSystemAccess.Write ? "Write" : "Read";
        if (Error is not null)
        {
            return new CodexPermissionDecision { Profile = Name, Target = target, Access = accessName, Allowed = false, DecidingRule = "Codex refuses the profile: " + Error.Message, File = Error.File, Line = Error.Line };
        }

        if (Unrestricted)
        {
            return new CodexPermissionDecision { Profile = Name, Target = target, Access = accessName, Allowed = true, DecidingRule = $"{Chain.LastOrDefault() ?? Name}: no filesystem sandbox", File = File, Line = Line };
        }

        if (SandboxStartError is not null)
        {
            return new CodexPermissionDecision { Profile = Name, Target = target, Access = accessName, Allowed = false, DecidingRule = "the sandbox cannot start: " + SandboxStartError, File = SandboxStartRule?.File, Line = SandboxStartRule?.Line };
        }

        FileSystemRule? best = Decide(target, out _);
        if (best is null)
        {
            return new CodexPermissionDecision { Profile = Name, Target = target, Access = accessName, Allowed = false, DecidingRule = "no entry covers this path (paths not listed are denied)" };
        }

        bool allowed = access == FileSystemAccess.Write ? best.Access == FileSystemAccess.Write : best.Access != FileSystemAccess.Deny;
        return new CodexPermissionDecision { Profile = Name, Target = target, Access = accessName, Allowed = allowed, DecidingRule = best.Rule, File = best.File, Line = best.Line };
    }

    /// <summary>The effective access to a path (null: none of the entries covers it).</summary>
    public FileSystemAccess? EffectiveAccess(string path) => Unrestricted ? FileSystemAccess.Write : Decide(PathRules.Normalize(path), out _)?.Access;

    internal FileSystemRule? Decide(string target, out int depth)
    {
        FileSystemRule? best = null;
        depth = -1;
        foreach (FileSystemRule rule in Rules)
        {
            string? covering = rule.Covering(target, exists);
            if (covering is null)
            {
                continue;
            }

            int d = PathRules.Depth(covering);
            if (best is null || d > depth || (d == depth && rule.Access > best.Access))
            {
                best = rule;
                depth = d;
            }
        }

        return best;
    }

    /// <summary>
    /// May the profile reach this host? Network off = no; a matching deny wins over any allow; otherwise an allow
    /// must match: with no allow entries nothing is reachable.
    /// </summary>
    public CodexPermissionDecision CheckDomain(string host)
    {
        string target = DomainPattern.NormalizeHost(host);
        CodexPermissionDecision Make(bool allowed, string rule, string? file, int? line) =>
            new() { Profile = Name, Target = target, Access = "Connect", Allowed = allowed, DecidingRule = rule, File = file, Line = line };

        if (Error is not null)
        {
            return Make(false, "Codex refuses the profile: " + Error.Message, Error.File, Error.Line);
        }

        if (SandboxStartError is not null)
        {
            return Make(false, "the sandbox cannot start: " + SandboxStartError, SandboxStartRule?.File, SandboxStartRule?.Line);
        }

        if (Unrestricted)
        {
            return Make(true, $"{Chain.LastOrDefault() ?? Name}: no network sandbox", File, Line);
        }

        if (!NetworkEnabled)
        {
            return Make(false, NetworkEnabledSource.Rule, NetworkEnabledSource.File, NetworkEnabledSource.Line);
        }

        if (NetworkUnfiltered)
        {
            return Make(true, NetworkEnabledSource.Rule, NetworkEnabledSource.File, NetworkEnabledSource.Line);
        }

        if (Domains.FirstOrDefault(d => d.Deny && d.Pattern.Matches(target)) is { } deny)
        {
            return Make(false, deny.Rule, deny.File, deny.Line);
        }

        if (Domains.FirstOrDefault(d => !d.Deny && d.Pattern.Matches(target)) is { } allow)
        {
            return Make(true, allow.Rule, allow.File, allow.Line);
        }

        return Make(false, Domains.Any(d => !d.Deny) ? "no allow entry matches the host" : "no allow entries: no host is reachable", null, null);
    }

    /// <summary>The public, serialisable view.</summary>
    public CodexPermissionProfile ToModel(string codexHome, string projectPath, IEnumerable<CodexFinding> findings) => new()
    {
        Name = Name,
        Description = Description,
        ExtendsChain = Chain.ToArray(),
        Mode = Mode,
        Unrestricted = Unrestricted,
        IsDefault = IsDefault,
        AllowedByRequirements = AllowedByRequirements,
        WorkspaceRoots = WorkspaceRoots.ToArray(),
        Filesystem = Rules.Select(r => new CodexPermissionGrant
        {
            Profile = Name, Kind = "Filesystem", Key = r.SubPath.Length == 0 ? r.Key : $"{r.Key}/{r.SubPath}", Target = r.Target,
            Access = r.Access.ToString().ToLowerInvariant(), DefinedBy = r.DefinedBy, Origin = r.Origin, File = r.File, Line = r.Line, Rule = r.Rule,
        }).ToArray(),
        NetworkEnabled = NetworkEnabled,
        Domains = Domains.Select(d => new CodexPermissionGrant
        {
            Profile = Name, Kind = "Network", Key = d.Pattern.Text, Target = d.Pattern.Kind == DomainPatternKind.Any ? "*" : d.Pattern.Suffix,
            Access = d.Deny ? "deny" : "allow", DefinedBy = d.DefinedBy, Origin = "Config", File = d.File, Line = d.Line, Rule = d.Rule,
        }).ToArray(),
        UnixSockets = UnixSockets.Select(u => new CodexPermissionGrant
        {
            Profile = Name, Kind = "UnixSocket", Key = u.Path, Target = u.Path, Access = u.Access, DefinedBy = u.DefinedBy, Origin = "Config",
            File = u.File, Line = u.Line, Rule = $"\"{u.Path}\" = \"{u.Access}\" in [permissions.{u.DefinedBy}.network.unix_sockets]",
        }).ToArray(),
        Findings = findings.ToArray(),
        File = File,
        Line = Line,
        CodexHome = codexHome,
        ProjectPath = projectPath,
    };
}
