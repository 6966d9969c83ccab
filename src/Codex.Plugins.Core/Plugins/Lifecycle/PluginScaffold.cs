using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Hooks;
using Codex.Plugins.Masking;
using Codex.Plugins.Mcp;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>A hook to package: the event, its matcher, the command and its timeout.</summary>
public sealed record PluginHookDefinition(string Event, string? Matcher, string Command, long? TimeoutSec = null, string? StatusMessage = null);

/// <summary>What New-CodexPlugin is asked to package.</summary>
public sealed class PluginScaffoldRequest
{
    public string Name { get; init; } = string.Empty;

    public string Version { get; init; } = "0.1.0";

    public string? Description { get; init; }

    public string? Author { get; init; }

    public string? DisplayName { get; init; }

    public string? Category { get; init; }

    public string[] Keywords { get; init; } = Array.Empty<string>();

    /// <summary>Skill folders (each holds a SKILL.md), copied to skills/&lt;folder name&gt;/.</summary>
    public string[] SkillFolders { get; init; } = Array.Empty<string>();

    public CodexMcpServer[] McpServers { get; init; } = Array.Empty<CodexMcpServer>();

    public PluginHookDefinition[] Hooks { get; init; } = Array.Empty<PluginHookDefinition>();
}

/// <summary>One file a new plugin gets: its path inside the plugin, and its bytes or the file it is copied from.</summary>
public sealed record PlannedPluginFile(string RelativePath, byte[]? Content, string? CopiedFrom);

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

    /// <summary>The environment variable a header value is read from once packaged: SERVER_HEADER, upper case.</summary>
    public static string HeaderVariable(string server, string header) => Sanitize($"{server}_{header}");

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
            PlanSkill(Path.GetFullPath(folder), request.Name, files, problems, skillNames);
        }

        if (request.McpServers.Length > 0)
        {
            var servers = new JsonObject();
            foreach (CodexMcpServer server in request.McpServers)
            {
                if (servers.ContainsKey(server.Name))
                {
                    problems.Add(Part($"Two MCP servers are named '{server.Name}'; a plugin can bring only one.", server.File, server.Name));
                    continue;
                }

                if (ServerEntry(server, problems) is { } entry)
                {
                    servers[server.Name] = entry;
                }
            }

            files.Add(new PlannedPluginFile(".mcp.json", Serialize(new JsonObject { ["mcpServers"] = servers }), null));
        }

        if (request.Hooks.Length > 0)
        {
            files.Add(new PlannedPluginFile("hooks/hooks.json", Serialize(HooksFile(request.Hooks, problems)), null));
        }

        files.Insert(0, new PlannedPluginFile(".codex-plugin/plugin.json", Serialize(Manifest(request, files)), null));
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

    private static void PlanSkill(string folder, string pluginName, List<PlannedPluginFile> files, List<CodexIssue> problems, HashSet<string> names)
    {
        if (File.Exists(folder) && Path.GetFileName(folder) == "SKILL.md")
        {
            folder = Path.GetDirectoryName(folder)!;
        }

        folder = Path.TrimEndingDirectorySeparator(folder);
        if (!File.Exists(Path.Combine(folder, "SKILL.md")))
        {
            problems.Add(Part($"{folder} has no SKILL.md, so it is not a skill folder.", folder, Path.GetFileName(folder)));
            return;
        }

        string name = Path.GetFileName(folder);
        if (!names.Add(name))
        {
            problems.Add(Part($"Two skills come from folders named '{name}'; the plugin's skills/ can hold only one.", folder, name));
            return;
        }

        foreach (FileSystemInfo entry in Walk(folder))
        {
            string relative = Path.GetRelativePath(folder, entry.FullName).Replace('\\', '/');
            if (entry.LinkTarget is not null)
            {
                string? resolved = entry.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
                string pointsAt = resolved ?? Path.GetFullPath(entry.LinkTarget, Path.GetDirectoryName(entry.FullName)!);
                if (!PluginCheck.IsInside(folder, pointsAt))
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
        if (file.Length > PluginCheck.MaxScannedFileBytes)
        {
            return null;
        }

        byte[] bytes = File.ReadAllBytes(file.FullName);
        if (bytes.AsSpan(0, Math.Min(bytes.Length, 8000)).IndexOf((byte)0) >= 0)
        {
            return null;
        }

        string[] lines = Encoding.UTF8.GetString(bytes).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string masked = SecretText.Mask(lines[i]);
            if (!string.Equals(masked, lines[i], StringComparison.Ordinal) && !PluginCheck.OnlyNamesVariables(lines[i], masked))
            {
                return (i + 1, masked.Trim());
            }
        }

        return null;
    }

    /// <summary>
    /// A server as .mcp.json holds it. Values that are secrets or may be never travel: env values become env_vars
    /// (Codex passes those variables from the user's environment), header values become env_http_headers.
    /// </summary>
    private static JsonObject? ServerEntry(CodexMcpServer server, List<CodexIssue> problems)
    {
        var entry = new JsonObject();
        if (server.Transport == McpDefaults.StdioTransport)
        {
            if (server.Command is null)
            {
                problems.Add(Part($"The MCP server '{server.Name}' has no command.", server.File, server.Name));
                return null;
            }

            foreach (string text in server.Args.Prepend(server.Command))
            {
                if (!string.Equals(SecretText.Mask(text), text, StringComparison.Ordinal))
                {
                    problems.Add(Part($"The MCP server '{server.Name}' carries a secret in its command line ({SecretText.Mask(text)}); it is not copied into a plugin.", server.File, server.Name,
                        "Let the server read the secret from an environment variable, then package it."));
                    return null;
                }
            }

            entry["command"] = server.Command;
            if (server.Args.Length > 0)
            {
                entry["args"] = new JsonArray(server.Args.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray());
            }

            if (server.Cwd is not null)
            {
                entry["cwd"] = server.Cwd;
            }

            string[] passed = server.EnvVars.Concat(server.Env.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            if (passed.Length > 0)
            {
                entry["env_vars"] = new JsonArray(passed.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
            }
        }
        else
        {
            if (server.Url is null || !string.Equals(SecretText.Mask(server.Url), server.Url, StringComparison.Ordinal))
            {
                problems.Add(Part(server.Url is null ? $"The MCP server '{server.Name}' has no url." : $"The url of the MCP server '{server.Name}' carries a secret ({SecretText.Mask(server.Url)}); it is not copied into a plugin.",
                    server.File, server.Name, "Pass the secret in a header read from an environment variable."));
                return null;
            }

            entry["url"] = server.Url;
            if (server.BearerTokenEnvVar is not null)
            {
                entry["bearer_token_env_var"] = server.BearerTokenEnvVar;
            }

            var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (header, variable) in server.EnvHttpHeaders)
            {
                headers[header] = variable;
            }

            foreach (string header in server.HttpHeaders.Keys)
            {
                headers[header] = HeaderVariable(server.Name, header);
            }

            if (headers.Count > 0)
            {
                entry["env_http_headers"] = new JsonObject(headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)JsonValue.Create(h.Value))));
            }

            if (server.OAuthResource is not null)
            {
                entry["oauth_resource"] = server.OAuthResource;
            }
        }

        if (server.EnabledTools is not null)
        {
            entry["enabled_tools"] = new JsonArray(server.EnabledTools.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
        }

        if (server.DisabledTools is not null)
        {
            entry["disabled_tools"] = new JsonArray(server.DisabledTools.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
        }

        if (!server.StartupTimeoutIsDefault)
        {
            entry["startup_timeout_sec"] = server.StartupTimeoutSec;
        }

        if (!server.ToolTimeoutIsDefault)
        {
            entry["tool_timeout_sec"] = server.ToolTimeoutSec;
        }

        return entry;
    }

    private static JsonObject HooksFile(IEnumerable<PluginHookDefinition> hooks, List<CodexIssue> problems)
    {
        var events = new JsonObject();
        foreach (var byEvent in hooks.GroupBy(h => h.Event, StringComparer.Ordinal))
        {
            if (HookEvent.Find(byEvent.Key) is not { } hookEvent)
            {
                problems.Add(Part($"Codex has no hook event '{byEvent.Key}'.", null, byEvent.Key, $"Use one of: {string.Join(", ", HookEvent.Names)}."));
                continue;
            }

            var groups = new JsonArray();
            foreach (var byMatcher in byEvent.GroupBy(h => h.Matcher ?? string.Empty, StringComparer.Ordinal))
            {
                var handlers = new JsonArray();
                foreach (PluginHookDefinition hook in byMatcher)
                {
                    if (!string.Equals(SecretText.Mask(hook.Command), hook.Command, StringComparison.Ordinal))
                    {
                        problems.Add(Part($"The {hookEvent.Name} hook command carries a secret ({SecretText.Mask(hook.Command)}); it is not copied into a plugin.", null, hookEvent.Name,
                            "Let the command read the secret from an environment variable."));
                        continue;
                    }

                    var handler = new JsonObject { ["type"] = "command", ["command"] = hook.Command };
                    if (hook.TimeoutSec is { } timeout)
                    {
                        handler["timeout"] = timeout;
                    }

                    if (hook.StatusMessage is { Length: > 0 } status)
                    {
                        handler["statusMessage"] = status;
                    }

                    handlers.Add(handler);
                }

                var group = new JsonObject();
                if (byMatcher.Key.Length > 0 && hookEvent.UsesMatcher)
                {
                    group["matcher"] = byMatcher.Key;
                }

                group["hooks"] = handlers;
                groups.Add(group);
            }

            events[hookEvent.Name] = groups;
        }

        return new JsonObject { ["hooks"] = events };
    }

    private static JsonObject Manifest(PluginScaffoldRequest request, List<PlannedPluginFile> files)
    {
        var manifest = new JsonObject
        {
            ["name"] = request.Name,
            ["version"] = request.Version.Trim(),
            ["description"] = request.Description ?? $"The {request.Name} plugin.",
        };
        if (request.Author is { Length: > 0 } author)
        {
            manifest["author"] = new JsonObject { ["name"] = author };
        }

        if (request.Keywords.Length > 0)
        {
            manifest["keywords"] = new JsonArray(request.Keywords.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray());
        }

        if (files.Any(f => f.RelativePath.StartsWith("skills/", StringComparison.Ordinal)))
        {
            manifest["skills"] = "./skills/";
        }

        if (files.Any(f => f.RelativePath == ".mcp.json"))
        {
            manifest["mcpServers"] = "./.mcp.json";
        }

        var face = new JsonObject { ["displayName"] = request.DisplayName ?? request.Name };
        if (request.Description is { Length: > 0 } description)
        {
            face["shortDescription"] = description.Length <= 120 ? description : description[..117] + "...";
        }

        if (request.Author is { Length: > 0 } developer)
        {
            face["developerName"] = developer;
        }

        if (request.Category is { Length: > 0 } category)
        {
            face["category"] = category;
        }

        manifest["interface"] = face;
        return manifest;
    }

    private static byte[] Serialize(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString(Json) + "\n");

    private static string Sanitize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text.ToUpperInvariant())
        {
            sb.Append(c is >= 'A' and <= 'Z' or >= '0' and <= '9' ? c : '_');
        }

        return sb.ToString();
    }

    private static CodexIssue Part(string message, string? file, string target, string? action = null) =>
        new(ErrorIds.PluginPartInvalid, IssueKind.InvalidData, message, file, Target: target, RecommendedAction: action);

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
