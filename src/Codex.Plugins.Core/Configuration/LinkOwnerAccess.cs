using Codex.Plugins.Configuration.Editing;
using Microsoft.Win32.SafeHandles;

namespace Codex.Plugins.Configuration;

/// <summary>
/// A link is followed only to what its owner could read. Codex runs as the home's owner, so a link in that home reaches
/// only what the owner may read (seen with 0.169.0: run as the owner, a skill folder or AGENTS.md linked to a root-only
/// file is left out without a word). An administrator reads the same home as root, who may read everything: without
/// this rule a link the owner planted towards /root/.ssh or another user's file would put that file's text into root's
/// objects and reports as if it were the owner's (descriptions, hook commands, session text, secret findings). Links
/// made by root or by the account running the module are followed as they are; the file is read when every other link
/// on the way belongs to an account that can reach it (search on each folder of its real path, read on the file, by
/// owner, group and other bits; POSIX ACLs are not consulted, so a grant made only by an ACL is refused).
/// </summary>
internal static class LinkOwnerAccess
{
    private const int MaxLinks = 40;

    /// <summary>Throws <see cref="LinkNotFollowedException"/> when a link on the way to <paramref name="path"/> belongs to an account that could not read what was opened.</summary>
    public static void ThrowIfUnreadableByLinkOwners(string path, SafeFileHandle opened)
    {
        string full = Path.GetFullPath(path);
        string? real = OpenedPath(opened);
        if (real is not null && string.Equals(real, full, StringComparison.Ordinal))
        {
            return;
        }

        var links = new List<(string Link, UnixFileInfo Entry)>();
        string resolved = Walk(full, links);
        uint self = UnixFileSystem.EffectiveUserId;
        real ??= resolved;
        UnixFileInfo file = UnixFileSystem.FStat(opened);
        foreach ((string link, UnixFileInfo entry) in links)
        {
            if (entry.Uid != 0 && entry.Uid != self && !CanRead(entry.Uid, entry.Gid, real, file))
            {
                throw new LinkNotFollowedException(
                    $"{full} was not read: it leads through {link}, a link owned by uid {entry.Uid}, to {real}, which uid {entry.Uid} cannot read. A link is followed only to what its owner could read, as Codex run by that account would.");
            }
        }
    }

    /// <summary>The real path of an open file (Linux keeps it under /proc/self/fd); null elsewhere or when it is gone.</summary>
    private static string? OpenedPath(SafeFileHandle opened)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            string? target = new FileInfo($"/proc/self/fd/{opened.DangerousGetHandle()}").LinkTarget;
            return target is not null && target.StartsWith('/') && !target.EndsWith(" (deleted)", StringComparison.Ordinal) ? target : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Resolves <paramref name="full"/> one component at a time as the kernel does, noting every link met and who owns it.</summary>
    private static string Walk(string full, List<(string Link, UnixFileInfo Entry)> links)
    {
        string root = Path.GetPathRoot(full) ?? "/";
        string[] parts = full[root.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        string resolved = root;
        for (int i = 0; i < parts.Length; i++)
        {
            string candidate = Path.Combine(resolved, parts[i]);
            string? target = UnixFileSystem.TryLStat(candidate, out UnixFileInfo entry) && entry.IsLink ? new FileInfo(candidate).LinkTarget : null;
            if (target is null)
            {
                resolved = candidate;
                continue;
            }

            if (links.Count >= MaxLinks)
            {
                throw new LinkNotFollowedException($"{full} was not read: more than {MaxLinks} links are met on the way (a loop?).");
            }

            links.Add((candidate, entry));
            string pointed = Path.GetFullPath(target, resolved);
            string rest = string.Join('/', parts.Skip(i + 1));
            return Walk(rest.Length == 0 ? pointed : Path.Combine(pointed, rest), links);
        }

        return resolved;
    }

    private static bool CanRead(uint uid, uint linkGroup, string real, UnixFileInfo file)
    {
        IReadOnlyCollection<uint> groups = AccountGroups.Of(uid);
        bool Allows(UnixFileInfo info, int bit)
        {
            int shift = info.Uid == uid ? 6 : info.Gid == linkGroup || groups.Contains(info.Gid) ? 3 : 0;
            return ((info.Permissions >> shift) & bit) != 0;
        }

        for (string? folder = Path.GetDirectoryName(real); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (!UnixFileSystem.TryLStat(folder, out UnixFileInfo info) || !Allows(info, 1))
            {
                return false;
            }
        }

        return Allows(file, 4);
    }
}
