using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Masking;

/// <summary>
/// The audit's finding provider for secrets written into what Codex reads as text: skills, the AGENTS.md chain,
/// agent files (developer_instructions), hook commands and plugin folders. Each finding names the file and line and
/// shows the line masked; the MCP env/header rule (CODEX-MCP-002) stays with the MCP rules.
/// </summary>
public static class SecretFindings
{
    private const long MaxFileSize = 4L * 1024 * 1024;

    public static IEnumerable<CodexFinding> For(ConfigStack stack, IEnumerable<CodexSkill> skills, IEnumerable<CodexAgent> agents, IEnumerable<CodexHook> hooks, IEnumerable<CodexPlugin> plugins, List<CodexIssue> issues)
    {
        var search = new SecretSearch(new SecretSearchOptions { MaxFileSize = MaxFileSize });
        var findings = new List<CodexFinding>();
        var seenFiles = new HashSet<string>(StringComparer.Ordinal);

        void Scan(string path, string rule, string what, string target)
        {
            if (!seenFiles.Add(Path.GetFullPath(path)))
            {
                return;
            }

            search.SearchPath(path, f => findings.Add(new CodexFinding(rule, FindingSeverity.Error,
                $"A secret ({f.Kind}) is written into {what}: {f.MaskedPreview}", target, f.File, (int)f.Line,
                "Remove it from the file and rotate it; give it to Codex through the environment (env_vars, a secret store) instead.")),
                issue => { if (issue.Kind != IssueKind.Warning) { issues.Add(issue); } });
        }

        foreach (CodexSkill skill in skills)
        {
            string? folder = Path.GetDirectoryName(skill.Path);
            if (folder is not null && Directory.Exists(folder))
            {
                Scan(folder, SecretRuleIds.InSkill, $"the skill '{skill.Name}'", skill.Name);
            }
        }

        for (string? dir = stack.Environment.ProjectPath; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            foreach (string name in new[] { "AGENTS.md", "AGENTS.override.md" })
            {
                string file = Path.Combine(dir, name);
                if (File.Exists(file))
                {
                    Scan(file, SecretRuleIds.InAgentsMd, file, file);
                }
            }

            if (Directory.Exists(Path.Combine(dir, ".git")))
            {
                break;
            }
        }

        foreach (string name in new[] { "AGENTS.md", "AGENTS.override.md" })
        {
            string file = Path.Combine(stack.Environment.CodexHome, name);
            if (File.Exists(file))
            {
                Scan(file, SecretRuleIds.InAgentsMd, file, file);
            }
        }

        foreach (CodexAgent agent in agents)
        {
            if (File.Exists(agent.File))
            {
                Scan(agent.File, SecretRuleIds.InAgentFile, $"the agent '{agent.Name}'", agent.Name);
            }
        }

        foreach (CodexHook hook in hooks)
        {
            string? command = hook.RunCommand ?? hook.Command;
            if (command is null)
            {
                continue;
            }

            foreach (CodexSecretFinding f in search.SearchText(command, hook.Key))
            {
                findings.Add(new CodexFinding(SecretRuleIds.InHookCommand, FindingSeverity.Error,
                    $"The {hook.Event} hook {hook.Key} has a secret ({f.Kind}) in its command: {f.MaskedPreview}", hook.Key, hook.File, hook.Line,
                    "Read the secret from the environment in the hook script instead of writing it into the command, and rotate it."));
            }
        }

        foreach (CodexPlugin plugin in plugins)
        {
            if (plugin.Installed && plugin.Root is not null && Directory.Exists(plugin.Root))
            {
                Scan(plugin.Root, SecretRuleIds.InPluginFile, $"the plugin '{plugin.PluginId}'", plugin.PluginId);
            }
        }

        return findings;
    }
}
