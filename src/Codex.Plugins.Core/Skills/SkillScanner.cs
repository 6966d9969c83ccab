using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Skills;

/// <summary>
/// Walks one skill root breadth-first as Codex does: folders up to 6 levels below the root, at most 2,000 folders,
/// entries starting with '.' skipped, every file named exactly SKILL.md taken (a skill folder may hold more skills
/// below it). Symbolic links to folders are followed except in the system scope; a link to a file is ignored, even
/// one named SKILL.md. A folder is visited once, by its canonical path, which is what stops link loops.
/// </summary>
internal static class SkillScanner
{
    private const string SkillFileName = "SKILL.md";

    /// <param name="root">The root to walk.</param>
    /// <param name="found">Receives every SKILL.md found, in walk order.</param>
    /// <param name="issues">Receives unreadable folders, link loops and a truncated walk.</param>
    /// <param name="listDirectory">Lists a folder; tests pass one that fails where chmod cannot (the tests run as root).</param>
    public static void Scan(SkillRoot root, List<FoundSkillFile> found, List<CodexIssue> issues, Func<string, FileSystemInfo[]>? listDirectory = null)
    {
        listDirectory ??= dir => new DirectoryInfo(dir).GetFileSystemInfos();
        if (!Configuration.PathProbe.DirectoryExists(root.Path))
        {
            return;
        }

        string canonicalRoot = SkillFileReader.Canonical(root.Path) ?? Path.GetFullPath(root.Path);
        bool followLinks = root.Scope != CodexSkillScope.System;
        var visited = new HashSet<string>(StringComparer.Ordinal) { canonicalRoot };
        var queue = new Queue<(string Display, string Canonical, int Depth)>();
        queue.Enqueue((canonicalRoot, canonicalRoot, 0));
        bool truncated = false;

        void Enqueue(string display, string canonical, int depth)
        {
            if (depth > SkillLimits.MaxScanDepth)
            {
                return;
            }

            if (visited.Count >= SkillLimits.MaxFoldersPerRoot)
            {
                truncated = true;
                return;
            }

            if (visited.Add(canonical))
            {
                queue.Enqueue((display, canonical, depth));
            }
        }

        while (queue.Count > 0)
        {
            var (dir, canonicalDir, depth) = queue.Dequeue();
            FileSystemInfo[] entries;
            try
            {
                entries = listDirectory(dir);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                // Codex only logs this; an admin needs to know that the skills below are missing.
                issues.Add(new CodexIssue(ErrorIds.SkillFolderUnreadable, IssueKind.ReadError,
                    $"The skills folder cannot be read: {ex.Message} Codex skips it and every skill below it, without an error.", dir, Target: dir,
                    RecommendedAction: "Give the user Codex runs as read and execute permission on the folder, or remove it."));
                continue;
            }

            // Directory order is the file system's; sorting keeps the outcome (which link wins) the same everywhere.
            Array.Sort(entries, (a, b) => string.CompareOrdinal(a.Name, b.Name));
            foreach (FileSystemInfo entry in entries)
            {
                string name = entry.Name;
                if (name.StartsWith('.'))
                {
                    continue;
                }

                string path = Path.Combine(dir, name);
                // The attributes come with the entry's status (one lstat, kept for later reads of it); only an entry they
                // mark as a reparse point costs a readlink.
                if ((entry.Attributes & FileAttributes.ReparsePoint) != 0 && entry.LinkTarget is not null)
                {
                    if (!followLinks)
                    {
                        continue;
                    }

                    if (!Directory.Exists(path))
                    {
                        // A link to a file, a dangling link (both ignored by Codex), or links that point at each other.
                        if (!File.Exists(path) && IsLinkCycle(entry))
                        {
                            issues.Add(new CodexIssue(ErrorIds.SkillSymlinkLoop, IssueKind.InvalidData,
                                "The symbolic link resolves to itself through a chain of links; Codex cannot follow it.", path, Target: path,
                                RecommendedAction: "Remove the link or point it at a real folder."));
                        }

                        continue;
                    }

                    string? target = SkillFileReader.Canonical(path);
                    if (target is null)
                    {
                        continue;
                    }

                    if (IsSameOrAncestor(target, canonicalDir))
                    {
                        issues.Add(new CodexIssue(ErrorIds.SkillSymlinkLoop, IssueKind.InvalidData,
                            $"The symbolic link points at {target}, a folder that contains it; Codex does not follow it again.", path, Target: path,
                            RecommendedAction: "Remove the link, or point it at a folder outside the skill root."));
                        continue;
                    }

                    Enqueue(path, target, depth + 1);
                    continue;
                }

                if (entry is DirectoryInfo)
                {
                    Enqueue(path, Path.Combine(canonicalDir, name), depth + 1);
                    continue;
                }

                if (string.Equals(name, SkillFileName, StringComparison.Ordinal))
                {
                    found.Add(new FoundSkillFile(root, canonicalRoot, path, Path.Combine(canonicalDir, name)));
                }
            }
        }

        if (truncated)
        {
            issues.Add(new CodexIssue(ErrorIds.SkillScanTruncated, IssueKind.Warning,
                $"The skill root holds more than {SkillLimits.MaxFoldersPerRoot} folders; Codex stops scanning it there, so some skills below it are not loaded.",
                canonicalRoot, Target: canonicalRoot, RecommendedAction: "Move unrelated folders out of the skill root."));
        }
    }

    private static bool IsLinkCycle(FileSystemInfo link)
    {
        try
        {
            link.ResolveLinkTarget(returnFinalTarget: true);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static bool IsSameOrAncestor(string candidate, string path) =>
        string.Equals(candidate, path, StringComparison.Ordinal) ||
        path.StartsWith(Path.TrimEndingDirectorySeparator(candidate) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
