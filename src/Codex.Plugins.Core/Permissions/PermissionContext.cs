using Codex.Plugins.Configuration;

namespace Codex.Plugins.Permissions;

/// <summary>
/// What every step of resolving a permission profile reads: the configuration, the [permissions] tables of every
/// layer and of the requirements merged into one, the workspace roots and $TMPDIR the sandbox would see, and how to
/// ask whether a path exists.
/// </summary>
internal sealed class PermissionContext
{
    public const string FilesystemKey = "filesystem";

    public PermissionContext(ConfigStack stack, IReadOnlyList<string>? workspaceRoots, string? tmpDir, Func<string, bool>? exists)
    {
        Stack = stack;
        Exists = exists ?? (p => File.Exists(p) || Directory.Exists(p));
        WorkspaceOverride = workspaceRoots is { Count: > 0 } ? workspaceRoots.Select(PathRules.Normalize).ToArray() : null;
        TmpDir = tmpDir ?? Environment.GetEnvironmentVariable("TMPDIR");
        Profiles = new TomlTableNode(new SourceLocation(string.Empty, 0, 0));
        if (stack.Effective.Table("permissions") is { } user)
        {
            Merge(Profiles, user);
        }

        // Managed profiles come from requirements too; [permissions.filesystem] there is deny_read, not a profile.
        if (stack.Requirements?.Root?.Table("permissions") is { } managed)
        {
            Merge(Profiles, managed);
        }
    }

    public ConfigStack Stack { get; }

    /// <summary>[permissions.NAME] of every layer and of the requirements, merged.</summary>
    public TomlTableNode Profiles { get; }

    public IReadOnlyList<string>? WorkspaceOverride { get; }

    public string? TmpDir { get; }

    public Func<string, bool> Exists { get; }

    /// <summary>Built-ins first, then every [permissions.NAME] table (requirements' included).</summary>
    public IEnumerable<string> ProfileNames => PermissionResolver.BuiltIns.Concat(Profiles.Keys.Where(k => k != FilesystemKey && Profiles[k] is TomlTableNode));

    /// <summary>The workspace roots before a profile adds its own: the ones given, else the project (Codex's cwd).</summary>
    public List<string> StartingRoots() => new(WorkspaceOverride ?? new[] { PathRules.Normalize(Stack.Environment.ProjectPath) });

    public string ExpandHome(string path) =>
        path == "~" ? Stack.Environment.UserHome
        : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(Stack.Environment.UserHome, path[2..])
        : path;

    private static void Merge(TomlTableNode into, TomlTableNode from)
    {
        foreach (var (key, node) in from.Items)
        {
            into.Set(key, into[key] is TomlTableNode below && node is TomlTableNode above ? ConfigStackLoader.MergeTables(below, above) : node);
        }
    }
}
