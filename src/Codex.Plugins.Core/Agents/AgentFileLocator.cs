using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Mcp;

namespace Codex.Plugins.Agents;

/// <summary>Finds custom agent files: $CODEX_HOME/agents/*.toml and the trusted project's .codex/agents/*.toml.</summary>
public static class AgentFileLocator
{
    public static IReadOnlyList<string> Folders(ConfigStack stack)
    {
        var folders = new List<string> { Path.Combine(stack.Environment.CodexHome, "agents") };
        foreach (ConfigLayer layer in stack.Layers.Where(l => l.Kind == ConfigLayerKind.Project && l.Applied))
        {
            folders.Add(Path.Combine(Path.GetDirectoryName(layer.Path)!, "agents"));
        }

        return folders;
    }

    /// <summary>True for a *.toml file directly in one of the agent folders Codex reads.</summary>
    public static bool IsAgentFile(ConfigStack stack, string path)
    {
        string full = Path.GetFullPath(path);
        return full.EndsWith(".toml", StringComparison.Ordinal)
            && Folders(stack).Any(f => string.Equals(Path.GetDirectoryName(full), Path.GetFullPath(f), StringComparison.Ordinal));
    }

    public static IReadOnlyList<AgentFile> Read(ConfigStack stack, List<CodexIssue> issues)
    {
        var agents = new List<AgentFile>();
        string userFolder = Path.Combine(stack.Environment.CodexHome, "agents");
        foreach (string folder in Folders(stack))
        {
            if (!Directory.Exists(folder))
            {
                continue;
            }

            // Compared whole: a project under CODEX_HOME (or a CODEX_HOME that prefixes a project path) is still a project.
            string scope = string.Equals(folder, userFolder, StringComparison.Ordinal) ? "User" : "Project";
            IEnumerable<string> files;
            try
            {
                files = Directory.EnumerateFiles(folder, "*.toml").OrderBy(f => f, StringComparer.Ordinal).ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                issues.Add(new CodexIssue(ErrorIds.AgentFileInvalid, IssueKind.ReadError, $"The agents folder cannot be read: {ex.Message}", folder, Target: folder));
                continue;
            }

            foreach (string file in files)
            {
                try
                {
                    agents.Add(new AgentFile(file, scope, TomlFileReader.Read(file, FileSizeLimit.AgentToml).Root));
                }
                catch (CodexIssueException ex)
                {
                    issues.Add(ex.Issue with { ErrorId = ErrorIdOf(ex.Issue) });
                }
            }
        }

        return agents;
    }

    /// <summary>
    /// The id an agent file's read problem is reported under: AgentFileInvalid, except FileTooLarge, which keeps its
    /// own id as every reader reports it (a script looks for one id for every file over its limit).
    /// </summary>
    internal static string ErrorIdOf(CodexIssue issue) => issue.ErrorId == ErrorIds.FileTooLarge ? ErrorIds.FileTooLarge : ErrorIds.AgentFileInvalid;

    /// <summary>The MCP servers each agent file defines for its own sessions.</summary>
    public static IEnumerable<AgentMcpDefinition> McpServers(IEnumerable<AgentFile> agents) =>
        agents.SelectMany(a => a.Root.Table("mcp_servers")?.Items.Select(i => new AgentMcpDefinition(a.Name, a.Path, i.Key, i.Value))
            ?? Enumerable.Empty<AgentMcpDefinition>());
}
