using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Permissions;

/// <summary>
/// Binds a profile's entries to real paths: special paths (:root, :workspace_roots, :tmpdir, :slash_tmp), ~ and
/// subpaths become the rules the profile decides with. A path Codex refuses sets the profile's Error and no rule.
/// </summary>
internal static class PathBinder
{
    public static void Bind(PermissionContext context, ResolvedPermissionProfile result, ProfileEntries entries)
    {
        foreach (var key in entries.Order)
        {
            RawEntry e = entries.Entries[key];
            if (Bases(context, key.Key, e, result, out IReadOnlyList<string> bases) is { } refused)
            {
                result.Error = refused;
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

    /// <summary>The real paths an entry's key stands for, or the issue when Codex refuses the key.</summary>
    private static CodexIssue? Bases(PermissionContext context, string key, RawEntry e, ResolvedPermissionProfile result, out IReadOnlyList<string> bases)
    {
        bases = Array.Empty<string>();
        switch (key)
        {
            case ":root":
                bases = new[] { "/" };
                return null;
            case ":workspace_roots":
                bases = result.WorkspaceRoots;
                return null;
            case ":tmpdir":
                bases = !string.IsNullOrEmpty(context.TmpDir) && Path.IsPathRooted(context.TmpDir) ? new[] { PathRules.Normalize(context.TmpDir) } : Array.Empty<string>();
                return null;
            case ":slash_tmp":
                bases = context.Exists("/tmp") ? new[] { "/tmp" } : Array.Empty<string>();
                return null;
            case ":minimal":
                // Platform defaults (loader and libraries): not a path list Codex shows; no probe is decided by it.
                return null;
        }

        if (key.StartsWith(':'))
        {
            // Codex keeps unknown special paths for forward compatibility and ignores them with a warning.
            result.Warnings.Add(new CodexIssue(ErrorIds.PermissionSpecialPathUnknown, IssueKind.Warning,
                $"Unknown special path `{key}` in [permissions.{e.DefinedBy}.filesystem]; Codex ignores it.", e.File, e.Line, Target: key,
                RecommendedAction: "Use :root, :minimal, :workspace_roots, :tmpdir or :slash_tmp."));
            return null;
        }

        string expanded = context.ExpandHome(key);
        if (!Path.IsPathRooted(expanded))
        {
            return new CodexIssue(ErrorIds.PermissionPathNotAbsolute, IssueKind.InvalidData,
                $"filesystem path `{key}` must be absolute, use `~/...`, or start with `:`", e.File, e.Line, Target: key,
                RecommendedAction: $"Write \"{key}\" as an absolute path, a ~/ path, or under [permissions.{e.DefinedBy}.filesystem.\":workspace_roots\"].");
        }

        bases = new[] { PathRules.IsGlob(expanded) ? expanded : PathRules.Normalize(expanded) };
        return null;
    }
}
