using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Configuration.Editing;

/// <summary>
/// Where a write to a path really lands. Codex writes through a symlinked config.toml (`codex mcp add` replaces the
/// link's target and keeps the link; seen with 0.169.0), so a dotfiles checkout stays the file that holds the change:
/// every writer of this module does the same. A link is followed only when whoever made it could have written the
/// target themselves: the link belongs to the account running the module, to root, or to the owner of what it points
/// at. A link a home's owner planted toward someone else's file (root's) is refused with ConfigLinkRefused, so an
/// administrator editing users' homes can never be redirected. The same rule holds for every folder on the way.
/// </summary>
internal static class WriteTarget
{
    private const int MaxLinks = 40;

    /// <summary>The path the bytes go to (links resolved under the rule above); the path itself on Windows.</summary>
    public static string Resolve(string path)
    {
        string full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            return full;
        }

        int links = 0;
        return Walk(full, full, ref links);
    }

    private static string Walk(string full, string asked, ref int links)
    {
        string root = Path.GetPathRoot(full) ?? "/";
        string[] parts = full[root.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        string resolved = root;
        for (int i = 0; i < parts.Length; i++)
        {
            string candidate = Path.Combine(resolved, parts[i]);
            if (!UnixFileSystem.TryLStat(candidate, out UnixFileInfo entry) || !entry.IsLink)
            {
                // Missing entries are created later, under the folder resolved so far.
                resolved = candidate;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw Refused(asked, candidate, "more than 40 links are followed on the way (a loop?)");
            }

            string? target = new FileInfo(candidate).LinkTarget;
            if (target is null)
            {
                resolved = candidate;
                continue;
            }

            string pointed = Path.GetFullPath(target, resolved);
            string rest = string.Join('/', parts.Skip(i + 1));
            string linkResolved = Walk(pointed, asked, ref links);
            uint pointedOwner = OwnerOfNearest(linkResolved);
            if (entry.Uid != 0 && entry.Uid != UnixFileSystem.EffectiveUserId && entry.Uid != pointedOwner)
            {
                throw Refused(asked, candidate,
                    $"it is a link owned by uid {entry.Uid} to {linkResolved}, which uid {pointedOwner} owns");
            }

            return rest.Length == 0 ? linkResolved : Walk(Path.Combine(linkResolved, rest), asked, ref links);
        }

        return resolved;
    }

    /// <summary>The owner of the path, or of its nearest existing folder when it does not exist yet.</summary>
    private static uint OwnerOfNearest(string path)
    {
        for (string? p = path; p is not null; p = Path.GetDirectoryName(p))
        {
            if (UnixFileSystem.TryLStat(p, out UnixFileInfo info))
            {
                return info.Uid;
            }
        }

        return 0;
    }

    private static CodexIssueException Refused(string path, string link, string why) =>
        new(new CodexIssue(ErrorIds.ConfigLinkRefused, IssueKind.ReadError,
            $"{path} was not written: {link} cannot be followed, because {why}. Nothing was written.", path, Target: path,
            RecommendedAction: "Replace the link with the file itself, or make the link's owner the owner of its target; a link is followed only when its owner could have written the target."));
}
