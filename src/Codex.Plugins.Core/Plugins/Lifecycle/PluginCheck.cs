using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>
/// Test-CodexPlugin's engine: one plugin folder read with the readers that describe installed plugins (manifest,
/// components, skills, MCP servers, hooks), the install checks of codex plugin add, and a review of what the plugin
/// can reach, as findings with CODEX-PLUGIN rule ids.
/// </summary>
public static class PluginCheck
{
    /// <param name="root">The plugin folder.</param>
    /// <param name="expectedName">The marketplace entry's name, when the folder is checked as one (the names must match).</param>
    /// <param name="marketplace">The marketplace, for the plugin id; null for a loose folder.</param>
    /// <param name="environment">Where the plugin would be installed (the Codex home of hook data folders).</param>
    public static CodexPluginTestResult Run(string root, string? expectedName, string? marketplace, CodexEnvironment environment)
    {
        // The readers of the parts and the secret scan read the same few files: each is read once (and seen in one version).
        using IDisposable readOnce = RegularFile.ReadEachOnce();
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        string folderName = Path.GetFileName(root);
        var findings = new List<CodexFinding>();
        CodexIssue? problem = new CodexIssue(ErrorIds.PluginManifestNotFound, IssueKind.NotFound, "The plugin folder does not exist.", root, Target: root);
        PluginManifestFile? file = Directory.Exists(root) ? PluginManifestReader.Read(root, folderName, out problem) : null;

        IReadOnlyList<PluginRefusal> refusals = PluginInstallRules.Check(root, file, problem, expectedName, out string? installName, out string? installVersion);
        string name = installName ?? (file?.Root.String("name") is { } declared && declared.Trim().Length > 0 ? declared : folderName);
        string? id = marketplace is null ? null : $"{expectedName ?? name}@{marketplace}";
        string target = id ?? name;
        foreach (PluginRefusal refusal in refusals)
        {
            findings.Add(new CodexFinding(PluginRuleIds.Refused, FindingSeverity.Error, $"codex plugin add refuses the plugin: {refusal.Message}.", target, refusal.File, refusal.Line, refusal.RecommendedAction));
        }

        var result = new PluginCheckContents(target);
        bool typed = file is not null && refusals.All(r => r.ErrorId != ErrorIds.PluginManifestInvalid);
        // One listing of the folder serves the skill scan and the file scan.
        PluginTree tree = PluginTree.Walk(root);
        // The parts' readers probe for files the walk has just listed (skill roots, openai.yaml, hooks.json, .mcp.json,
        // manifests above each skill): answered from the listing where it can tell.
        using IDisposable probes = PathProbe.Answer(tree.Lookup);
        if (typed)
        {
            PluginPartsCheck.Read(root, target, name, file!, environment, tree, findings, result);
        }

        PluginFileScan.Scan(tree, root, target, findings, result);
        PluginReachReview.Review(target, findings, result);

        return new CodexPluginTestResult
        {
            Name = name,
            PluginId = id,
            Path = root,
            ManifestPath = file?.Path,
            Version = refusals.Count == 0 ? installVersion : null,
            Installable = refusals.Count == 0,
            Skills = result.Skills.Select(s => s.Name).ToArray(),
            SkillDetails = result.Skills.ToArray(),
            McpServers = result.Servers.Select(s => s.Name).ToArray(),
            McpServerDetails = result.Servers.ToArray(),
            Hooks = result.Hooks.Select(h => $"{h.Event}: {h.Command ?? $"{h.McpServer}/{h.McpTool}"}").ToArray(),
            HookDetails = result.Hooks.ToArray(),
            Apps = result.Apps.ToArray(),
            Transports = result.Servers.Select(s => s.Transport).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
            Hosts = result.Hosts.ToArray(),
            Commands = result.Commands.ToArray(),
            EnvVars = result.EnvVars.ToArray(),
            NeedsNetwork = result.NetworkReasons.Count > 0,
            SecretCount = result.SecretCount,
            Findings = findings.ToArray(),
        };
    }
}
