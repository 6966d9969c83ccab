using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Agents;

/// <summary>
/// Custom agents as Codex defines them: one per file in $CODEX_HOME/agents and trusted projects' .codex/agents (name,
/// description and developer_instructions required), and roles declared under [agents.NAME] in the configuration.
/// </summary>
public static class AgentReader
{
    public const int DefaultMaxThreads = 6;
    public const int DefaultMaxDepth = 1;
    public static readonly string[] BuiltInAgents = { "default", "worker", "explorer" };
    private static readonly string[] AgentsTableSettings = { "max_threads", "max_depth", "job_max_runtime_seconds" };

    /// <summary>The effective [agents] max_threads and max_depth (Codex's defaults when unset).</summary>
    public static (int MaxThreads, int MaxDepth) Limits(ConfigStack stack)
    {
        TomlTableNode? agentsTable = stack.Effective.Table("agents");
        return (IntSetting(agentsTable, "max_threads", DefaultMaxThreads).Value, IntSetting(agentsTable, "max_depth", DefaultMaxDepth).Value);
    }

    public static IReadOnlyList<CodexAgent> Read(ConfigStack stack, List<CodexIssue> issues) =>
        Read(stack, AgentFileLocator.Read(stack, issues), issues);

    /// <summary>The issue for an agent name no custom agent has, with the closest names.</summary>
    public static CodexIssue NotFound(string name, IEnumerable<CodexAgent> agents, CodexEnvironment environment) =>
        NameSuggestions.NotFound(ErrorIds.AgentNotFound, name, $"No custom agent named '{name}'.", agents.Select(a => a.Name), Path.Combine(environment.CodexHome, "agents"));

    /// <summary>The agents, from agent files the caller has already read (so they are read once).</summary>
    public static IReadOnlyList<CodexAgent> Read(ConfigStack stack, IReadOnlyList<AgentFile> agentFiles, List<CodexIssue> issues)
    {
        TomlTableNode? agentsTable = stack.Effective.Table("agents");
        (int maxThreads, bool threadsDefault) = IntSetting(agentsTable, "max_threads", DefaultMaxThreads);
        (int maxDepth, bool depthDefault) = IntSetting(agentsTable, "max_depth", DefaultMaxDepth);
        var agents = new List<CodexAgent>();

        CodexAgent Build(string name, TomlTableNode body, string scope, string file, int line, string? description) => new()
        {
            Name = name,
            Description = description ?? body.String("description"),
            Instructions = body.String("developer_instructions") is { } instructions ? Masking.SecretText.Mask(instructions) : null,
            Model = body.String("model"),
            ReasoningEffort = body.String("model_reasoning_effort"),
            SandboxMode = body.String("sandbox_mode"),
            DefaultPermissions = body.String("default_permissions"),
            McpServers = body.Table("mcp_servers")?.Keys.ToArray() ?? Array.Empty<string>(),
            Skills = SkillSelectors(body),
            NicknameCandidates = Strings(body["nickname_candidates"]),
            Scope = scope,
            File = file,
            Line = line,
            OverridesBuiltIn = BuiltInAgents.Contains(name, StringComparer.Ordinal),
            MaxThreads = maxThreads,
            MaxThreadsIsDefault = threadsDefault,
            MaxDepth = maxDepth,
            MaxDepthIsDefault = depthDefault,
            CodexHome = stack.Environment.CodexHome,
            ProjectPath = stack.Environment.ProjectPath,
        };

        foreach (AgentFile file in agentFiles)
        {
            string[] missing = new[] { "name", "description", "developer_instructions" }
                .Where(k => file.Root[k] is not TomlValueNode { Value: string s } || s.Trim().Length == 0).ToArray();
            if (missing.Length > 0)
            {
                issues.Add(new CodexIssue(ErrorIds.AgentFieldMissing, IssueKind.InvalidData,
                    $"The agent file lacks {string.Join(", ", missing)}; Codex does not load an agent without name, description and developer_instructions.",
                    file.Path, 1, 1, file.Name, $"Add {string.Join(" and ", missing)} to the file."));
                continue;
            }

            agents.Add(Build(file.Name, file.Root, file.Scope, file.Path, file.Root["name"]!.Location.Line, null));
        }

        if (agentsTable is not null)
        {
            foreach (var (name, node) in agentsTable.Items)
            {
                if (AgentsTableSettings.Contains(name) || node is not TomlTableNode role)
                {
                    continue;
                }

                TomlTableNode body = role;
                string file = role.Location.File;
                if (role.String("config_file") is { } configFile)
                {
                    string path = Path.IsPathRooted(configFile) ? configFile : Path.Combine(Path.GetDirectoryName(role.Location.File) ?? string.Empty, configFile);
                    try
                    {
                        body = ConfigStackLoader.MergeTables(TomlFileReader.Read(path, FileSizeLimit.AgentToml).Root, role);
                        file = path;
                    }
                    catch (CodexIssueException ex)
                    {
                        // A file in the agents folder was already read (and reported) by the folder scan: one error per file.
                        string errorId = AgentFileLocator.ErrorIdOf(ex.Issue);
                        if (!issues.Any(i => i.ErrorId == errorId && string.Equals(i.File, ex.Issue.File, StringComparison.Ordinal)))
                        {
                            issues.Add(ex.Issue with { ErrorId = errorId, Target = name });
                        }

                        continue;
                    }
                }

                agents.Add(Build(name, body, "Config", file, role.Location.Line, role.String("description")));
            }
        }

        return agents;
    }

    private static (int Value, bool IsDefault) IntSetting(TomlTableNode? table, string key, int fallback) =>
        table?[key] is TomlValueNode { Value: long v } ? ((int)v, false) : (fallback, true);

    private static string[] Strings(TomlNode? node) => node is TomlArrayNode a
        ? a.Items.OfType<TomlValueNode>().Select(v => v.Value as string).OfType<string>().ToArray()
        : Array.Empty<string>();

    private static string[] SkillSelectors(TomlTableNode body) =>
        body.Table("skills")?["config"] is TomlArrayNode entries
            ? entries.Items.OfType<TomlTableNode>()
                .Select(e => $"{e.String("path") ?? e.String("name") ?? "?"}={(e["enabled"] is TomlValueNode { Value: false } ? "disabled" : "enabled")}")
                .ToArray()
            : Array.Empty<string>();
}
