using System.Text.RegularExpressions;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Hooks;
using Codex.Plugins.Mcp;
using Codex.Plugins.Skills;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>
/// The parts of a plugin whose manifest reads, read with the readers that describe installed plugins (components,
/// skills, MCP servers, hooks): what they hold goes into the contents, what Codex would refuse or warn about into
/// findings.
/// </summary>
internal static class PluginPartsCheck
{
    /// <summary>Programs that fetch what they run from a registry when they start.</summary>
    private static readonly string[] FetchingLaunchers = { "npx", "uvx", "bunx", "pipx", "docker", "podman" };

    private static readonly Regex EnvReference = new(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}|\$(?<name>[A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant);

    /// <summary>Reads the components, then the skills, MCP servers and hooks they name, in that order.</summary>
    public static void Read(string root, string target, string name, PluginManifestFile file, CodexEnvironment environment, PluginTree tree, List<CodexFinding> findings, PluginCheckContents result)
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

        ReadSkills(target, environment, tree, components.SkillRoots, findings, result);
        ReadMcpServers(root, target, file, environment, findings, result);
        ReadHooks(root, target, file, environment, findings, result);

        if (result.Apps.Count > 0)
        {
            result.NetworkReasons.Add($"apps ({string.Join(", ", result.Apps)})");
        }
    }

    /// <summary>Every SKILL.md the scanner finds under the skill roots, loaded as Codex loads it.</summary>
    private static void ReadSkills(string target, CodexEnvironment environment, PluginTree tree, IEnumerable<string> skillRoots, List<CodexFinding> findings, PluginCheckContents result)
    {
        var namespaces = new PluginNamespace(concurrent: false);
        var scanIssues = new List<CodexIssue>();
        foreach (string skillRoot in skillRoots)
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
    }

    /// <summary>
    /// The MCP servers, parsed as Codex parses plugin servers (.mcp.json conventions). The definitions' own problems (a
    /// file that does not parse, a wrapper Codex does not know) come with the components.
    /// </summary>
    private static void ReadMcpServers(string root, string target, PluginManifestFile file, CodexEnvironment environment, List<CodexFinding> findings, PluginCheckContents result)
    {
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
    }

    /// <summary>The plugin's hooks, and the commands they run.</summary>
    private static void ReadHooks(string root, string target, PluginManifestFile file, CodexEnvironment environment, List<CodexFinding> findings, PluginCheckContents result)
    {
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
    }

    private static void NoteServer(CodexMcpServer server, PluginCheckContents result)
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

    private static CodexFinding Component(string target, CodexIssue issue, FindingSeverity severity, string prefix) =>
        new(PluginRuleIds.ComponentRefused, severity, prefix + issue.Message, target, issue.File, issue.Line, issue.RecommendedAction ?? string.Empty);
}
