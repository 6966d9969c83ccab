using Codex.Plugins.Diagnostics;
using Codex.Plugins.Masking;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>Test-CodexPlugin's pass over the plugin's files: links that leave the folder, and secrets written in its text files.</summary>
internal static class PluginFileScan
{
    /// <summary>Links that leave the folder, and secrets in its text files. Links are not followed.</summary>
    public static void Scan(PluginTree tree, string root, string target, List<CodexFinding> findings, PluginCheckContents result)
    {
        foreach (PluginTree.Folder folder in tree.Folders)
        {
            if (folder.Error is { } error)
            {
                findings.Add(new CodexFinding(PluginRuleIds.ComponentRefused, FindingSeverity.Warning, $"The folder cannot be read: {error.Message}", target, folder.Path, null, "Check the folder's permissions."));
                continue;
            }

            foreach (FileSystemInfo entry in folder.Entries)
            {
                if (PluginTree.IsLink(entry))
                {
                    CheckLink(root, target, entry, findings);
                    continue;
                }

                if (entry is FileInfo file)
                {
                    ScanForSecrets(file, target, findings, result);
                }
            }
        }
    }

    private static void CheckLink(string root, string target, FileSystemInfo link, List<CodexFinding> findings)
    {
        string? resolved;
        try
        {
            resolved = link.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        }
        catch (IOException)
        {
            resolved = null;
        }

        string pointsAt = resolved ?? Path.GetFullPath(link.LinkTarget!, Path.GetDirectoryName(link.FullName)!);
        if (PluginTree.IsInside(root, pointsAt))
        {
            return;
        }

        findings.Add(new CodexFinding(PluginRuleIds.LinkLeavesRoot, FindingSeverity.Error,
            $"{Path.GetRelativePath(root, link.FullName)} is a link to {pointsAt}, outside the plugin folder: codex plugin add does not copy links, so the installed plugin lacks it, and whoever packs the folder ships what it points at.",
            target, link.FullName, null, "Replace the link with the file or folder it should contain, inside the plugin folder."));
    }

    private static void ScanForSecrets(FileInfo file, string target, List<CodexFinding> findings, PluginCheckContents result)
    {
        string text;
        try
        {
            if (PluginFileSecrets.ReadText(file) is not { } read)
            {
                return;
            }

            text = read;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        // Prose (README, SKILL.md, references) talks about tokens and keys: there only a credential's own shape counts,
        // which is also what keeps the scan of a large documentation corpus cheap. Configuration and scripts are
        // shipped and used, so every detector runs on them.
        bool prose = PluginFileSecrets.IsProse(file);
        string masked = prose ? PluginFileSecrets.MaskProse(text) : SecretText.Mask(text);
        if (string.Equals(masked, text, StringComparison.Ordinal))
        {
            return;
        }

        string[] before = text.Split('\n');
        string[] after = masked.Split('\n');
        for (int i = 0; i < Math.Min(before.Length, after.Length); i++)
        {
            if (!string.Equals(before[i], after[i], StringComparison.Ordinal) && !PluginFileSecrets.OnlyNamesVariables(before[i], after[i]))
            {
                result.SecretCount++;
                string shown = after[i].Trim();
                shown = shown.Length > 120 ? shown[..117] + "..." : shown;
                findings.Add(new CodexFinding(PluginRuleIds.SecretInFile, FindingSeverity.Error,
                    $"A secret is written in {file.Name}: {shown}", target, file.FullName, i + 1,
                    "Remove the secret from the plugin and rotate it; let the server read it from an environment variable (env_vars, bearer_token_env_var, env_http_headers)."));
                if (before.Length != after.Length)
                {
                    break;
                }
            }
        }
    }
}
