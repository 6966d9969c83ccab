using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Permissions;

/// <summary>A legacy sandbox_mode as the equivalent entries (what Codex renders in &lt;permission_profile&gt;).</summary>
internal static class LegacySandboxMode
{
    /// <summary>
    /// Fills <paramref name="entries"/> for the mode. Returns false when nothing is left to bind: full access
    /// (Unrestricted), or a mode Codex does not know (the profile's Error).
    /// </summary>
    public static bool Read(PermissionContext context, string mode, string? file, int? line, ResolvedPermissionProfile result, ProfileEntries entries)
    {
        string rule = $"sandbox_mode = \"{mode}\"";
        void Add(string key, FileSystemAccess access, string? f = null, int? l = null, string? r = null) =>
            entries.Append(key, new RawEntry(access, result.Name, "Legacy", f ?? file, l ?? line, r ?? $"{rule} implies \"{key}\" = \"{access.ToString().ToLowerInvariant()}\""));

        switch (mode)
        {
            case "danger-full-access":
                result.Unrestricted = true;
                return false;
            case "read-only":
                Add(":root", FileSystemAccess.Read);
                return true;
            case "workspace-write":
                TomlTableNode? ww = context.Stack.Effective.Table("sandbox_workspace_write");
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

                foreach (TomlValueNode v in (ww?["writable_roots"] as TomlArrayNode)?.Items.OfType<TomlValueNode>() ?? Enumerable.Empty<TomlValueNode>())
                {
                    if (v.Value is string p)
                    {
                        Add(p, FileSystemAccess.Write, v.Location.File, v.Location.Line, $"sandbox_workspace_write.writable_roots includes \"{p}\"");
                    }
                }

                if (ww?["network_access"] is TomlValueNode { Value: true } net)
                {
                    result.NetworkEnabled = true;
                    result.NetworkUnfiltered = true;
                    result.NetworkEnabledSource = (net.Location.File, net.Location.Line, "sandbox_workspace_write.network_access = true (no domain filtering)");
                }

                return true;
            default:
                result.Error = new CodexIssue(ErrorIds.PermissionAccessInvalid, IssueKind.InvalidData,
                    $"unknown variant `{mode}`, expected one of `read-only`, `workspace-write`, `danger-full-access`", file, line, Target: "sandbox_mode");
                return false;
        }
    }
}
