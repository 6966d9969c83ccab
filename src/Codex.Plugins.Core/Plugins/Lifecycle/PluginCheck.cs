using System.Text;
using System.Text.RegularExpressions;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Hooks;
using Codex.Plugins.Masking;
using Codex.Plugins.Masking.Detection;
using Codex.Plugins.Masking.Operators;
using Codex.Plugins.Mcp;
using Codex.Plugins.Skills;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>
/// Test-CodexPlugin's engine: one plugin folder read with the readers that describe installed plugins (manifest,
/// components, skills, MCP servers, hooks), the install checks of codex plugin add, and a review of what the plugin
/// can reach, as findings with CODEX-PLUGIN rule ids.
/// </summary>
public static class PluginCheck
{
    /// <summary>Files larger than this are not scanned for secrets (plugins carry text; a large file is data).</summary>
    public const int MaxScannedFileBytes = 1024 * 1024;

    /// <summary>Programs that fetch what they run from a registry when they start.</summary>
    private static readonly string[] FetchingLaunchers = { "npx", "uvx", "bunx", "pipx", "docker", "podman" };

    private static readonly Regex EnvReference = new(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}|\$(?<name>[A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant);

    /// <param name="root">The plugin folder.</param>
    /// <param name="expectedName">The marketplace entry's name, when the folder is checked as one (the names must match).</param>
    /// <param name="marketplace">The marketplace, for the plugin id; null for a loose folder.</param>
    /// <param name="environment">Where the plugin would be installed (the Codex home of hook data folders).</param>
    public static CodexPluginTestResult Run(string root, string? expectedName, string? marketplace, CodexEnvironment environment)
    {
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

        var result = new Builder(target);
        bool typed = file is not null && refusals.All(r => r.ErrorId != ErrorIds.PluginManifestInvalid);
        // One listing of the folder serves the skill scan and the file scan.
        PluginTree tree = PluginTree.Walk(root);
        if (typed)
        {
            ReadParts(root, target, name, file!, environment, tree, findings, result);
        }

        ScanFiles(tree, root, target, findings, result);
        Review(target, findings, result);

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

    private static void ReadParts(string root, string target, string name, PluginManifestFile file, CodexEnvironment environment, PluginTree tree, List<CodexFinding> findings, Builder result)
    {
        PluginManifest manifest = PluginManifest.From(file);
        var componentFindings = new List<CodexFinding>();
        PluginComponents components = PluginComponents.Resolve(target, name, root, manifest, componentFindings);
        foreach (CodexFinding f in componentFindings)
        {
            string rule = f.RuleId == ErrorIds.PluginPathInvalid ? PluginRuleIds.PathInvalid : PluginRuleIds.ComponentRefused;
            findings.Add(new CodexFinding(rule, f.Severity, f.Message, target, f.File, f.Line, f.Remediation));
        }

        result.Apps.AddRange(components.Apps);

        // Skills: every SKILL.md the scanner finds under the skill roots, loaded as Codex loads it.
        var namespaces = new PluginNamespace();
        var scanIssues = new List<CodexIssue>();
        foreach (string skillRoot in components.SkillRoots)
        {
            var found = new List<FoundSkillFile>();
            SkillScanner.Scan(new SkillRoot(skillRoot, CodexSkillScope.User, target), found, scanIssues, tree.List);
            foreach (FoundSkillFile skillFile in found)
            {
                var (skill, refused, note) = SkillInventory.Load(skillFile, environment, namespaces);
                if (skill is not null && result.Skills.All(s => s.Name != skill.Name))
                {
                    result.Skills.Add(skill);
                }

                if (refused is not null)
                {
                    findings.Add(Component(target, refused, FindingSeverity.Error, "Codex does not load this skill: "));
                }

                if (note is not null)
                {
                    findings.Add(Component(target, note, FindingSeverity.Warning, string.Empty));
                }
            }
        }

        findings.AddRange(scanIssues.Select(i => Component(target, i, FindingSeverity.Warning, string.Empty)));

        // MCP servers, parsed as Codex parses plugin servers (.mcp.json conventions). The definitions' own problems
        // (a file that does not parse, a wrapper Codex does not know) came with the components above.
        var source = new McpServerSource(McpServerSourceKind.Plugin, target, target) { IsPluginJson = true };
        foreach (var (serverName, definition) in PluginMcpServerReader.Read(root, target, file, new List<CodexIssue>()))
        {
            var (clear, issues) = McpServerParser.Parse(serverName, definition, source, new McpServerParser.Options(true, environment.CodexHome, environment.ProjectPath));
            foreach (CodexIssue issue in issues)
            {
                findings.Add(issue.Kind == IssueKind.Warning
                    ? Component(target, issue, FindingSeverity.Warning, string.Empty)
                    : Component(target, issue with { Message = issue.Message.Replace("Codex refuses to load a configuration with this server.", $"Codex skips this server of the plugin.", StringComparison.Ordinal) }, FindingSeverity.Error, string.Empty));
            }

            if (clear is null)
            {
                continue;
            }

            var (masked, _) = McpServerParser.Parse(serverName, definition, source, new McpServerParser.Options(false, environment.CodexHome, environment.ProjectPath));
            result.Servers.Add(masked ?? clear);
            NoteServer(clear, result);
        }

        HookInventory hooks = HookInventory.ReadPlugin(root, target, file, environment.CodexHome);
        result.Hooks.AddRange(hooks.Hooks);
        foreach (CodexIssue issue in hooks.Issues)
        {
            findings.Add(Component(target, issue, issue.Kind == IssueKind.Warning ? FindingSeverity.Warning : FindingSeverity.Error,
                issue.Kind == IssueKind.Warning ? string.Empty : "Codex loads no hook from this file: "));
        }

        foreach (CodexHook hook in hooks.Hooks.Where(h => h.Command is not null))
        {
            result.Commands.Add(hook.Command!);
        }

        if (result.Apps.Count > 0)
        {
            result.NetworkReasons.Add($"apps ({string.Join(", ", result.Apps)})");
        }
    }

    private static void NoteServer(CodexMcpServer server, Builder result)
    {
        if (server.Transport == McpDefaults.StdioTransport && server.Command is { } command)
        {
            result.Commands.Add(string.Join(' ', new[] { command }.Concat(server.Args)));
            string program = Path.GetFileName(command);
            if (FetchingLaunchers.Contains(program, StringComparer.Ordinal))
            {
                result.NetworkReasons.Add($"'{server.Name}' starts with {program}, which fetches what it runs");
            }
        }

        if (server.Url is { } url)
        {
            string host = Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) ? uri.Host : url;
            result.Hosts.Add(host);
            result.NetworkReasons.Add($"'{server.Name}' connects to {host}");
        }

        foreach (string name in server.EnvVars.Concat(server.EnvHttpHeaders.Values))
        {
            result.EnvVars.Add(name);
        }

        if (server.BearerTokenEnvVar is { } bearer)
        {
            result.EnvVars.Add(bearer);
        }

        foreach (string text in server.Env.Values.Concat(server.Args).Concat(server.HttpHeaders.Values).Append(server.Url ?? string.Empty))
        {
            foreach (Match m in EnvReference.Matches(text))
            {
                result.EnvVars.Add(m.Groups["name"].Value);
            }
        }
    }

    /// <summary>Links that leave the folder, and secrets in its text files. Links are not followed.</summary>
    private static void ScanFiles(PluginTree tree, string root, string target, List<CodexFinding> findings, Builder result)
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
        if (IsInside(root, pointsAt))
        {
            return;
        }

        findings.Add(new CodexFinding(PluginRuleIds.LinkLeavesRoot, FindingSeverity.Error,
            $"{Path.GetRelativePath(root, link.FullName)} is a link to {pointsAt}, outside the plugin folder: codex plugin add does not copy links, so the installed plugin lacks it, and whoever packs the folder ships what it points at.",
            target, link.FullName, null, "Replace the link with the file or folder it should contain, inside the plugin folder."));
    }

    internal static bool IsInside(string root, string path)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        return full == root || full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static void ScanForSecrets(FileInfo file, string target, List<CodexFinding> findings, Builder result)
    {
        string text;
        try
        {
            if (file.Length > MaxScannedFileBytes)
            {
                return;
            }

            byte[] bytes = Configuration.RegularFile.ReadAllBytes(file.FullName);
            if (bytes.AsSpan(0, Math.Min(bytes.Length, 8000)).IndexOf((byte)0) >= 0)
            {
                return;
            }

            text = Encoding.UTF8.GetString(bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        // Prose (README, SKILL.md, references) talks about tokens and keys: there only a credential's own shape counts,
        // which is also what keeps the scan of a large documentation corpus cheap. Configuration and scripts are
        // shipped and used, so every detector runs on them.
        bool prose = IsProse(file);
        string masked = prose ? MaskProse(text) : SecretText.Mask(text);
        if (string.Equals(masked, text, StringComparison.Ordinal))
        {
            return;
        }

        string[] before = text.Split('\n');
        string[] after = masked.Split('\n');
        for (int i = 0; i < Math.Min(before.Length, after.Length); i++)
        {
            if (!string.Equals(before[i], after[i], StringComparison.Ordinal) && !OnlyNamesVariables(before[i], after[i]))
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

    private static readonly SecretScanner ProseScanner = new(SecretScanOptions.ProviderShapedSecrets);

    private static bool IsProse(FileInfo file) =>
        file.Extension.ToLowerInvariant() is ".md" or ".markdown" or ".mdx" or ".txt" or ".rst";

    private static string MaskProse(string text)
    {
        List<SecretMatch> matches = ProseScanner.Scan(text);
        return matches.Count == 0 ? text : SecretMasker.Stars.Apply(text, matches);
    }

    private static readonly Regex VariableName = new(@"^\$?\{?[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\}?$|^\$\{[A-Za-z_][A-Za-z0-9_]*\}$", RegexOptions.CultureInvariant);

    /// <summary>
    /// True when what masking replaced on the line is only the name of an environment variable (GITHUB_PAT_TOKEN,
    /// ${API_KEY}): that is where a secret is read from, not a secret.
    /// </summary>
    internal static bool OnlyNamesVariables(string original, string masked)
    {
        int prefix = 0;
        while (prefix < original.Length && prefix < masked.Length && original[prefix] == masked[prefix])
        {
            prefix++;
        }

        int suffix = 0;
        while (suffix < original.Length - prefix && suffix < masked.Length - prefix && original[^(suffix + 1)] == masked[^(suffix + 1)])
        {
            suffix++;
        }

        string replaced = original[prefix..^suffix];
        return masked.Split(SecretMask.Mask).Length == 2 && VariableName.IsMatch(replaced);
    }

    private static void Review(string target, List<CodexFinding> findings, Builder result)
    {
        foreach (CodexMcpServer server in result.Servers)
        {
            string reach = server.Transport == McpDefaults.StdioTransport
                ? $"runs `{string.Join(' ', new[] { server.Command }.Concat(server.Args))}`"
                : $"connects to {server.Url}";
            var needs = server.EnvVars.Concat(server.EnvHttpHeaders.Values).Concat(server.BearerTokenEnvVar is null ? Array.Empty<string>() : new[] { server.BearerTokenEnvVar })
                .Distinct(StringComparer.Ordinal).ToArray();
            string env = needs.Length == 0 ? string.Empty : $"; reads {string.Join(", ", needs)} from the environment";
            string mode = server.DefaultToolsApprovalMode ?? "unset";
            string tools = server.EnabledTools is null ? "every tool it offers" : $"only {string.Join(", ", server.EnabledTools)}";
            findings.Add(new CodexFinding(PluginRuleIds.McpServer, FindingSeverity.Information,
                $"Brings the {server.Transport} MCP server '{server.Name}': {reach}{env}; {tools}, approval mode {mode}.",
                $"{target}/{server.Name}", server.File, server.Line, "Review what the server can reach before installing the plugin."));

            var unprompted = server.ToolApprovalModes.Where(t => t.Value is "auto" or "approve").Select(t => $"{t.Key} ({t.Value})").ToList();
            if (server.DefaultToolsApprovalMode is "auto" or "approve" || unprompted.Count > 0)
            {
                string which = server.DefaultToolsApprovalMode is "auto" or "approve" ? $"{tools} ({server.DefaultToolsApprovalMode})" : string.Join(", ", unprompted);
                findings.Add(new CodexFinding(PluginRuleIds.McpToolsUnprompted, FindingSeverity.Warning,
                    $"The tools of '{server.Name}' run without asking: {which}; a tool that changes state does so unreviewed.",
                    $"{target}/{server.Name}", server.File, server.Line, "Ship the plugin with prompt approval, or list the read-only tools in enabled_tools."));
            }
        }

        foreach (CodexHook hook in result.Hooks)
        {
            string what = hook.Command is not null ? $"runs `{hook.Command}`" : $"calls the MCP tool {hook.McpServer}/{hook.McpTool}";
            string on = hook.Matcher is { Length: > 0 } m ? $"{hook.Event} (matcher {m})" : hook.Event;
            findings.Add(new CodexFinding(PluginRuleIds.HookCommand, FindingSeverity.Information,
                $"A hook {what} on {on}, with a timeout of {hook.TimeoutSec} s; it needs a trust review before Codex runs it.",
                hook.Key, hook.File, hook.Line, "Review the command; approve it with Approve-CodexHook once installed."));
        }

        if (result.Apps.Count > 0)
        {
            findings.Add(new CodexFinding(PluginRuleIds.AppConnector, FindingSeverity.Information,
                $"Brings the app connectors {string.Join(", ", result.Apps)}: they act on the user's accounts in those services.", target, null, null,
                "Check which accounts and scopes the apps ask for."));
        }

        if (result.NetworkReasons.Count > 0)
        {
            findings.Add(new CodexFinding(PluginRuleIds.NeedsNetwork, FindingSeverity.Information,
                $"Needs the network: {string.Join("; ", result.NetworkReasons.Distinct(StringComparer.Ordinal))}.", target, null, null,
                "Allow these hosts in the permission profile where the plugin should work."));
        }
    }

    private static CodexFinding Component(string target, CodexIssue issue, FindingSeverity severity, string prefix) =>
        new(PluginRuleIds.ComponentRefused, severity, prefix + issue.Message, target, issue.File, issue.Line, issue.RecommendedAction ?? string.Empty);

    private sealed class Builder
    {
        public Builder(string target) => Target = target;

        public string Target { get; }

        public List<CodexSkill> Skills { get; } = new();

        public List<CodexMcpServer> Servers { get; } = new();

        public List<CodexHook> Hooks { get; } = new();

        public List<string> Apps { get; } = new();

        public SortedSet<string> Hosts { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> Commands { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> EnvVars { get; } = new(StringComparer.Ordinal);

        public List<string> NetworkReasons { get; } = new();

        public int SecretCount { get; set; }
    }
}
