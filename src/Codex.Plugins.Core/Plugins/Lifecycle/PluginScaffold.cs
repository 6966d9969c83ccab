using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Mcp;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>
/// A plugin folder laid out as the curated marketplace lays them out (.codex-plugin/plugin.json, skills/,
/// .mcp.json in the mcpServers shape, hooks/hooks.json), planned in memory first: nothing is written while a part is
/// refused, and the folder appears whole (written beside its place, then renamed into it). No secret is copied: MCP
/// env values and header values become references to environment variables, and a skill or hook holding a secret is
/// refused.
/// </summary>
public sealed class PluginScaffold
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private PluginScaffold(string root, IReadOnlyList<PlannedPluginFile> files, IReadOnlyList<CodexIssue> problems)
    {
        Root = root;
        Files = files;
        Problems = problems;
    }

    /// <summary>The plugin folder to create.</summary>
    public string Root { get; }

    public IReadOnlyList<PlannedPluginFile> Files { get; }

    /// <summary>Parts that cannot be packaged; when there is any, <see cref="Write"/> refuses.</summary>
    public IReadOnlyList<CodexIssue> Problems { get; }

    /// <summary>Why Codex would refuse this name or version, or null: for parameter validation.</summary>
    public static CodexIssue? ValidateIdentity(string name, string version)
    {
        if (PluginInstallRules.NameProblem(name) is { } nameProblem)
        {
            return new CodexIssue(ErrorIds.PluginNameInvalid, IssueKind.InvalidData, $"Codex refuses the name: {nameProblem}.", null, Target: name,
                RecommendedAction: "Use ASCII letters, digits, '-' and '_' (kebab-case, as the curated plugins do).");
        }

        if (PluginInstallRules.VersionProblem(version.Trim()) is { } versionProblem)
        {
            return new CodexIssue(ErrorIds.PluginVersionInvalid, IssueKind.InvalidData, $"Codex refuses the version '{version}': {versionProblem}.", null, Target: version,
                RecommendedAction: "Use a semantic version such as 0.1.0.");
        }

        return null;
    }

    public static PluginScaffold Plan(PluginScaffoldRequest request, string parentFolder)
    {
        string root = Path.Combine(Path.GetFullPath(parentFolder), request.Name);
        var files = new List<PlannedPluginFile>();
        var problems = new List<CodexIssue>();
        if (ValidateIdentity(request.Name, request.Version) is { } identity)
        {
            problems.Add(identity);
        }

        if (Directory.Exists(root) || File.Exists(root))
        {
            problems.Add(new CodexIssue(ErrorIds.PluginFolderExists, IssueKind.InvalidData, $"{root} already exists; New-CodexPlugin does not write over a folder.", root, Target: request.Name,
                RecommendedAction: "Choose another -Path or -Name, or remove the folder first."));
        }

        var skillNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (string folder in request.SkillFolders)
        {
            PluginSkillPackager.Plan(Path.GetFullPath(folder), files, problems, skillNames);
        }

        if (request.McpServers.Length > 0)
        {
            var servers = new JsonObject();
            foreach (CodexMcpServer server in request.McpServers)
            {
                if (servers.ContainsKey(server.Name))
                {
                    problems.Add(PluginPartIssue.Invalid($"Two MCP servers are named '{server.Name}'; a plugin can bring only one.", server.File, server.Name));
                    continue;
                }

                if (PluginMcpServerPackager.Entry(server, problems) is { } entry)
                {
                    servers[server.Name] = entry;
                }
            }

            files.Add(new PlannedPluginFile(".mcp.json", Serialize(new JsonObject { ["mcpServers"] = servers }), null));
        }

        if (request.Hooks.Length > 0)
        {
            files.Add(new PlannedPluginFile("hooks/hooks.json", Serialize(PluginHooksPackager.Build(request.Hooks, problems)), null));
        }

        files.Insert(0, new PlannedPluginFile(".codex-plugin/plugin.json", Serialize(PluginManifestPackager.Build(request, files)), null));
        return new PluginScaffold(root, files, problems);
    }

    /// <summary>Writes the folder: every file into a hidden sibling folder, then one rename to the plugin's name.</summary>
    public void Write()
    {
        if (Problems.Count > 0)
        {
            throw new CodexIssueException(Problems[0]);
        }

        string parent = Path.GetDirectoryName(Root)!;
        string staging = Path.Combine(parent, $".{Path.GetFileName(Root)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(parent);
            foreach (PlannedPluginFile file in Files)
            {
                string target = Path.Combine(staging, file.RelativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                if (file.Content is not null)
                {
                    File.WriteAllBytes(target, file.Content);
                }
                else
                {
                    File.Copy(file.CopiedFrom!, target);
                }
            }

            Directory.Move(staging, Root);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(staging);
            throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigWriteFailed, IssueKind.ReadError,
                $"Writing the plugin folder {Root} failed: {ex.Message} Nothing was left behind.", Root, Target: Path.GetFileName(Root),
                RecommendedAction: "Check that this account may create folders there and that the disk has room."), ex);
        }
    }

    private static byte[] Serialize(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString(Json) + "\n");

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
