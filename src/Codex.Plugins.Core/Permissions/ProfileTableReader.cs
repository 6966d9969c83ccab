using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Permissions;

/// <summary>
/// Reads a profile's [permissions.NAME] table and, first, the profiles it extends: built-in entries, filesystem
/// entries and subpaths, extra workspace roots, network settings. The first problem Codex refuses stops the read and
/// is returned.
/// </summary>
internal static class ProfileTableReader
{
    public static CodexIssue? Read(PermissionContext context, string name, List<string> chain, ProfileEntries entries, List<string> roots)
    {
        if (chain.Contains(name))
        {
            chain.Add(name);
            TomlNode? at = context.Profiles[chain[0]];
            return new CodexIssue(ErrorIds.PermissionProfileCycle, IssueKind.InvalidData,
                $"permissions profile inheritance cycle detected: {string.Join(" -> ", chain)}", at?.Location.File, at?.Location.Line, Target: chain[0],
                RecommendedAction: "Remove one of the extends keys so the chain ends at a built-in or at a profile without extends.");
        }

        chain.Add(name);
        if (name is PermissionResolver.ReadOnly or PermissionResolver.Workspace)
        {
            AddBuiltIn(name, entries);
            return null;
        }

        if (name == PermissionResolver.DangerFullAccess)
        {
            return null;
        }

        var table = (TomlTableNode)context.Profiles[name]!;
        if (table["extends"] is TomlValueNode { Value: string parent } extendsNode
            && (Parent(context, name, parent, extendsNode) ?? Read(context, parent, chain, entries, roots)) is { } inherited)
        {
            return inherited;
        }

        ReadWorkspaceRoots(context, table, roots);
        return ReadFilesystem(table, name, entries) ?? ReadNetwork(table, name, entries);
    }

    private static CodexIssue? Parent(PermissionContext context, string name, string parent, TomlValueNode extendsNode)
    {
        if (parent == PermissionResolver.DangerFullAccess)
        {
            return new CodexIssue(ErrorIds.PermissionProfileUnsupportedParent, IssueKind.InvalidData,
                $"permissions profile `{name}` cannot extend unsupported built-in profile `{PermissionResolver.DangerFullAccess}`", extendsNode.Location.File, extendsNode.Location.Line, extendsNode.Location.Column, name,
                $"Extend {PermissionResolver.Workspace} or {PermissionResolver.ReadOnly}; a profile cannot inherit full access.");
        }

        if (!PermissionResolver.BuiltIns.Contains(parent) && context.Profiles[parent] is not TomlTableNode)
        {
            return new CodexIssue(ErrorIds.PermissionProfileUnknownParent, IssueKind.InvalidData,
                $"permissions profile `{name}` extends undefined profile `{parent}`", extendsNode.Location.File, extendsNode.Location.Line, extendsNode.Location.Column, name,
                NameSuggestions.HintOr(parent, context.ProfileNames, $"Define [permissions.{parent}] or extend a built-in ({PermissionResolver.ReadOnly}, {PermissionResolver.Workspace})."));
        }

        return null;
    }

    private static void ReadWorkspaceRoots(PermissionContext context, TomlTableNode table, List<string> roots)
    {
        if (table.Table("workspace_roots") is not { } extraRoots)
        {
            return;
        }

        foreach (var (path, node) in extraRoots.Items)
        {
            if (node is TomlValueNode { Value: true } && Path.IsPathRooted(context.ExpandHome(path)))
            {
                roots.Add(PathRules.Normalize(context.ExpandHome(path)));
            }
        }
    }

    private static CodexIssue? ReadFilesystem(TomlTableNode table, string name, ProfileEntries entries)
    {
        if (table.Table(PermissionContext.FilesystemKey) is not { } fs)
        {
            return null;
        }

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

                entries.Put((key, string.Empty), new RawEntry(acc, name, "Config", value.Location.File, value.Location.Line, $"\"{key}\" = \"{value.Value}\" in [permissions.{name}.filesystem]"));
            }
            else if (node is TomlTableNode scoped && ReadSubpaths(scoped, key, name, entries) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private static CodexIssue? ReadSubpaths(TomlTableNode scoped, string key, string name, ProfileEntries entries)
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

            entries.Put((key, normalizedSub), new RawEntry(acc, name, "Config", subValue.Location.File, subValue.Location.Line,
                $"\"{sub}\" = \"{subValue.Value}\" in [permissions.{name}.filesystem.\"{key}\"]"));
        }

        return null;
    }

    private static CodexIssue? ReadNetwork(TomlTableNode table, string name, ProfileEntries entries)
    {
        if (table.Table("network") is not { } net)
        {
            return null;
        }

        if (net["enabled"] is TomlValueNode { Value: bool on } enabled)
        {
            entries.NetworkEnabled = on;
            entries.NetworkEnabledSource = (enabled.Location.File, enabled.Location.Line, $"enabled = {(on ? "true" : "false")} in [permissions.{name}.network]");
        }

        foreach (var (pattern, node) in net.Table("domains")?.Items ?? Enumerable.Empty<KeyValuePair<string, TomlNode>>())
        {
            if (node is TomlValueNode { Value: string access } v)
            {
                entries.Domains[pattern] = (access, name, v.Location.File, v.Location.Line, v.Location.Column);
            }
        }

        foreach (var (path, node) in net.Table("unix_sockets")?.Items ?? Enumerable.Empty<KeyValuePair<string, TomlNode>>())
        {
            if (node is TomlValueNode { Value: string access } v)
            {
                entries.Sockets[path] = (access, name, v.Location.File, v.Location.Line);
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

    private static void AddBuiltIn(string name, ProfileEntries entries)
    {
        void Add(string key, FileSystemAccess access) =>
            entries.Put((key, string.Empty), new RawEntry(access, name, "BuiltIn", null, null, $"\"{key}\" = \"{access.ToString().ToLowerInvariant()}\" (built-in {name})"));

        Add(":root", FileSystemAccess.Read);
        if (name == PermissionResolver.Workspace)
        {
            Add(":workspace_roots", FileSystemAccess.Write);
            Add(":slash_tmp", FileSystemAccess.Write);
            Add(":tmpdir", FileSystemAccess.Write);
        }
    }
}
