using Codex.Plugins.Configuration;

namespace Codex.Plugins.Permissions;

/// <summary>Which profile Codex uses without -P, and the finding when sandbox_mode and default_permissions compete.</summary>
internal static class PermissionDefaults
{
    /// <summary>
    /// Pinned against the binary: of the layers that set sandbox_mode or default_permissions, the highest wins; within
    /// one layer default_permissions wins (the docs say sandbox_mode always does: the binary disagrees).
    /// Requirements' allowed_permission_profiles force profile mode.
    /// </summary>
    public static (string Name, bool Legacy, string Reason, string? File, int? Line) Select(ConfigStack stack)
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
        return (PermissionResolver.ReadOnly, false, "nothing configured: read-only", null, null);
    }

    /// <summary>Both sandbox_mode and default_permissions set somewhere: which one Codex ignores.</summary>
    public static IEnumerable<CodexFinding> ModeConflicts(ConfigStack stack)
    {
        var sm = stack.AppliedLayers.Select(l => l.Root?["sandbox_mode"]).OfType<TomlValueNode>().LastOrDefault();
        var dp = stack.AppliedLayers.Select(l => l.Root?["default_permissions"]).OfType<TomlValueNode>().LastOrDefault();
        if (sm is null || dp is null)
        {
            yield break;
        }

        var selection = Select(stack);
        TomlValueNode ignored = selection.Legacy ? dp : sm;
        string winner = selection.Legacy ? $"sandbox_mode = \"{sm.Value}\"" : $"default_permissions = \"{dp.Value}\"";
        yield return new CodexFinding(PermissionRuleIds.LegacyAndProfileBothSet, FindingSeverity.Warning,
            $"Both sandbox_mode ({sm.Location}) and default_permissions ({dp.Location}) are set; Codex uses {winner} and silently ignores the other.",
            "default_permissions", ignored.Location.File, ignored.Location.Line,
            $"Remove {(selection.Legacy ? "default_permissions" : "sandbox_mode")} so the configuration says what Codex does.");
    }
}
