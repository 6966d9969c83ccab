using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Permissions;

/// <summary>
/// The Linux start-up preflight. bubblewrap masks a denied folder read-only, then cannot create the mount point of a
/// deny entry inside it: `codex sandbox` then fails before the command runs ("bwrap: Can't create file at X:
/// Read-only file system", "Can't mkdir X" for an existing folder). Explicit paths fail when they exist, and also when
/// missing under a writable root; globs fail through the existing paths they expand to. Observed with 0.169.0 on
/// Linux; a deny inside a read-only folder is fine.
/// </summary>
internal static class SandboxStartCheck
{
    public static void Check(PermissionContext context, ResolvedPermissionProfile result)
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
                        && (context.Exists(inner.Path) || result.Rules.Any(w => w.Access == FileSystemAccess.Write && w.Path is not null && PathRules.IsWithin(outer.Path!, w.Path)))
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

    private static string? FirstGlobMatchUnder(FileSystemRule glob, string folder)
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
}
