using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Permissions;

/// <summary>What requirements.toml adds to every profile: the allowlist of profiles and the paths nobody may read.</summary>
internal static class RequirementsOverlay
{
    /// <summary>False (with a warning on the profile) when allowed_permission_profiles leaves the profile out.</summary>
    public static bool IsAllowed(PermissionContext context, string name, ResolvedPermissionProfile result)
    {
        if (context.Stack.Requirements?.Root?.Table("allowed_permission_profiles") is not { } allowed)
        {
            return true;
        }

        // A complete allowlist: a name left out, or set to false, is refused, built-ins included.
        bool ok = allowed[name] is TomlValueNode { Value: true };
        if (!ok)
        {
            result.Warnings.Add(new CodexIssue(ErrorIds.PermissionProfileNotAllowed, IssueKind.Warning,
                $"The permission profile `{name}` is not in allowed_permission_profiles; Codex refuses it under these requirements.",
                context.Stack.Requirements.Path, allowed.Location.Line, Target: name,
                RecommendedAction: $"Use one of: {string.Join(", ", allowed.Items.Where(i => i.Value is TomlValueNode { Value: true }).Select(i => i.Key))}."));
        }

        return ok;
    }

    /// <summary>[permissions.filesystem] deny_read of the requirements, as deny rules on the profile.</summary>
    public static void AddDenies(PermissionContext context, ResolvedPermissionProfile result)
    {
        if (context.Stack.Requirements?.Root?.Table("permissions")?.Table(PermissionContext.FilesystemKey)?["deny_read"] is not TomlArrayNode denies)
        {
            return;
        }

        foreach (TomlValueNode v in denies.Items.OfType<TomlValueNode>())
        {
            if (v.Value is not string p)
            {
                continue;
            }

            string expanded = context.ExpandHome(p);
            bool glob = PathRules.IsGlob(expanded);
            result.Rules.Add(new FileSystemRule(p, string.Empty, glob ? null : PathRules.Normalize(expanded), glob ? expanded : null, FileSystemAccess.Deny,
                "requirements", "Requirements", v.Location.File, v.Location.Line, $"deny_read includes \"{p}\" in [permissions.filesystem] (requirements)"));
        }
    }
}
