using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Permissions;

/// <summary>
/// Resolves permission profiles the way Codex 0.169.0 does, from a loaded <see cref="ConfigStack"/>:
/// built-ins, [permissions.NAME] tables merged across layers, extends chains (a child's key replaces the parent's
/// same key, built-in keys included), special paths, protected metadata folders under writable roots, requirements,
/// and which of sandbox_mode / default_permissions wins. Every rule keeps the file and line it was written on.
/// The steps live in their own classes (ProfileTableReader, LegacySandboxMode, PathBinder, NetworkRules,
/// RequirementsOverlay, ProtectedFolders, SandboxStartCheck); this class runs them in Codex's order. One error
/// channel: nothing throws, what Codex refuses is the profile's Error, what it accepts with a caveat its Warnings.
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

    private readonly PermissionContext context;

    /// <param name="stack">The loaded configuration.</param>
    /// <param name="workspaceRoots">Workspace roots (default: the project path, as Codex uses its cwd).</param>
    /// <param name="tmpDir">$TMPDIR as the sandboxed command would see it (default: this process's).</param>
    /// <param name="exists">How to ask whether a path exists (globs and /tmp depend on it); default the disk.</param>
    public PermissionResolver(ConfigStack stack, IReadOnlyList<string>? workspaceRoots = null, string? tmpDir = null, Func<string, bool>? exists = null)
    {
        context = new PermissionContext(stack, workspaceRoots, tmpDir, exists);
    }

    /// <summary>Built-ins first, then every [permissions.NAME] table (requirements' included).</summary>
    public IEnumerable<string> ProfileNames => context.ProfileNames;

    /// <summary>The profile Codex uses without -P, and what decided it (see <see cref="PermissionDefaults.Select"/>).</summary>
    public (string Name, bool Legacy, string Reason, string? File, int? Line) DefaultSelection() => PermissionDefaults.Select(context.Stack);

    /// <summary>Both sandbox_mode and default_permissions set somewhere: which one Codex ignores.</summary>
    public IEnumerable<CodexFinding> ModeConflicts() => PermissionDefaults.ModeConflicts(context.Stack);

    /// <summary>Resolves the profile Codex uses by default (see <see cref="DefaultSelection"/>).</summary>
    public ResolvedPermissionProfile ResolveDefault()
    {
        var selection = DefaultSelection();
        ResolvedPermissionProfile profile = selection.Legacy ? ResolveLegacy(selection.Name, selection.File, selection.Line) : Resolve(selection.Name);
        profile.IsDefault = true;
        return profile;
    }

    /// <summary>The named profiles in order, resolved one at a time as they are read; no name: the default profile.</summary>
    public IEnumerable<ResolvedPermissionProfile> ResolveNamed(IReadOnlyList<string>? names) =>
        names is { Count: > 0 } ? names.Select(Resolve) : new[] { ResolveDefault() };

    /// <summary>Resolves a named profile or built-in. Never throws: what Codex refuses is in <see cref="ResolvedPermissionProfile.Error"/>.</summary>
    public ResolvedPermissionProfile Resolve(string name)
    {
        var result = new ResolvedPermissionProfile(name, context.Exists);
        result.IsDefault = DefaultSelection() is { Legacy: false } selected && selected.Name == name;
        if (!BuiltIns.Contains(name) && context.Profiles[name] is not TomlTableNode)
        {
            result.Error = new CodexIssue(ErrorIds.PermissionProfileNotFound, IssueKind.NotFound,
                $"default_permissions refers to undefined profile `{name}`", context.Stack.Environment.UserConfigPath, Target: name,
                RecommendedAction: NameSuggestions.HintOr(name, ProfileNames, $"Define [permissions.{name}] or use one of: {string.Join(", ", ProfileNames)}."));
            return result;
        }

        if (context.Profiles[name] is TomlTableNode own)
        {
            result.File = own.Location.File;
            result.Line = own.Location.Line;
            result.Description = own.String("description");
        }

        var entries = new ProfileEntries();
        var chain = new List<string>();
        List<string> roots = context.StartingRoots();
        result.Error = ProfileTableReader.Read(context, name, chain, entries, roots);
        result.Chain = chain;
        result.WorkspaceRoots = roots.Distinct().ToArray();
        result.Mode = BuiltIns.Contains(name) ? PermissionProfileMode.BuiltIn : PermissionProfileMode.Profile;
        result.AllowedByRequirements = RequirementsOverlay.IsAllowed(context, name, result);
        if (result.Error is not null)
        {
            return result;
        }

        if (name == DangerFullAccess)
        {
            result.Unrestricted = true;
            return result;
        }

        PathBinder.Bind(context, result, entries);
        NetworkRules.Apply(result, entries);
        return Finish(result);
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
        var result = new ResolvedPermissionProfile("sandbox_mode=" + mode, context.Exists) { Mode = PermissionProfileMode.Legacy, File = file, Line = line };
        result.Chain = new[] { result.Name };
        result.WorkspaceRoots = context.StartingRoots();
        var entries = new ProfileEntries();
        if (!LegacySandboxMode.Read(context, mode, file, line, result, entries))
        {
            return result;
        }

        PathBinder.Bind(context, result, entries);
        return Finish(result);
    }

    // What Codex adds to every restricted profile once its own entries are bound.
    private ResolvedPermissionProfile Finish(ResolvedPermissionProfile result)
    {
        RequirementsOverlay.AddDenies(context, result);
        ProtectedFolders.Add(result);
        SandboxStartCheck.Check(context, result);
        return result;
    }
}
