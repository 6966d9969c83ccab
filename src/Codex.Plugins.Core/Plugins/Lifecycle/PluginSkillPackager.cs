using Codex.Plugins.Diagnostics;
using Codex.Plugins.Masking;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>
/// The skills/ part of a new plugin: every file of a skill folder planned for copying to skills/&lt;folder name&gt;/.
/// A link out of the folder, or a file holding a secret, is refused rather than copied.
/// </summary>
internal static class PluginSkillPackager
{
    /// <param name="folder">The skill folder (or its SKILL.md).</param>
    /// <param name="names">The skill folder names planned so far: skills/ holds one of each.</param>
    public static void Plan(string folder, List<PlannedPluginFile> files, List<CodexIssue> problems, HashSet<string> names)
    {
        if (File.Exists(folder) && Path.GetFileName(folder) == "SKILL.md")
        {
            folder = Path.GetDirectoryName(folder)!;
        }

        folder = Path.TrimEndingDirectorySeparator(folder);
        if (!File.Exists(Path.Combine(folder, "SKILL.md")))
        {
            problems.Add(PluginPartIssue.Invalid($"{folder} has no SKILL.md, so it is not a skill folder.", folder, Path.GetFileName(folder)));
            return;
        }

        string name = Path.GetFileName(folder);
        if (!names.Add(name))
        {
            problems.Add(PluginPartIssue.Invalid($"Two skills come from folders named '{name}'; the plugin's skills/ can hold only one.", folder, name));
            return;
        }

        foreach (FileSystemInfo entry in Walk(folder))
        {
            string relative = Path.GetRelativePath(folder, entry.FullName).Replace('\\', '/');
            if (entry.LinkTarget is not null)
            {
                string? resolved = entry.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
                string pointsAt = resolved ?? Path.GetFullPath(entry.LinkTarget, Path.GetDirectoryName(entry.FullName)!);
                if (!PluginTree.IsInside(folder, pointsAt))
                {
                    problems.Add(new CodexIssue(ErrorIds.PluginLinkLeavesRoot, IssueKind.InvalidData,
                        $"{relative} in the skill '{name}' is a link to {pointsAt}, outside the skill folder; it is not packaged.", entry.FullName, Target: name,
                        RecommendedAction: "Put the file itself in the skill folder."));
                    continue;
                }

                // A link inside the skill: the file it points at is packaged under its own name, as codex copies files.
                continue;
            }

            if (entry is FileInfo file)
            {
                if (SecretLine(file) is { } found)
                {
                    problems.Add(new CodexIssue(ErrorIds.PluginPartInvalid, IssueKind.InvalidData,
                        $"The skill '{name}' holds a secret in {relative} (line {found.Line}: {found.Masked}); it is not copied into a plugin.", file.FullName, found.Line, Target: name,
                        RecommendedAction: "Remove the secret from the skill (read it from an environment variable) and package it again."));
                    continue;
                }

                files.Add(new PlannedPluginFile($"skills/{name}/{relative}", null, file.FullName));
            }
        }
    }

    private static IEnumerable<FileSystemInfo> Walk(string folder)
    {
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(folder));
        while (pending.Count > 0)
        {
            foreach (FileSystemInfo entry in pending.Pop().GetFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                if (entry is DirectoryInfo sub && entry.LinkTarget is null)
                {
                    pending.Push(sub);
                }
                else
                {
                    yield return entry;
                }
            }
        }
    }

    private static (int Line, string Masked)? SecretLine(FileInfo file)
    {
        if (PluginFileSecrets.ReadText(file) is not { } text)
        {
            return null;
        }

        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string masked = SecretText.Mask(lines[i]);
            if (!string.Equals(masked, lines[i], StringComparison.Ordinal) && !PluginFileSecrets.OnlyNamesVariables(lines[i], masked))
            {
                return (i + 1, masked.Trim());
            }
        }

        return null;
    }
}
