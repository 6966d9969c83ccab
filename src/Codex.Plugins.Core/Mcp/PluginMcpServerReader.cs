using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Plugins;

namespace Codex.Plugins.Mcp;

/// <summary>
/// The MCP server definitions a plugin ships, found the way Codex 0.169.0 finds them: the manifest's mcpServers
/// (a ./path or an inline object), else ./.mcp.json; a file either wraps its servers in "mcpServers" or is itself the
/// map (a "mcp_servers" wrapper is not recognised by the binary: it reads as one invalid server).
/// </summary>
public static class PluginMcpServerReader
{
    public const string DefaultFile = "./.mcp.json";

    public static IReadOnlyList<(string Name, TomlNode Definition)> Read(string root, string target, PluginManifestFile manifest, List<CodexIssue> issues)
    {
        TomlNode? declared = manifest.Root["mcpServers"];
        TomlTableNode? map = null;
        switch (declared)
        {
            case TomlTableNode inline:
                map = Unwrap(inline, manifest.Path, target, issues);
                break;
            case TomlValueNode { Value: string relative }:
                string? file = PluginPath.Resolve(root, relative, out string? problem);
                if (file is null)
                {
                    issues.Add(new CodexIssue(ErrorIds.PluginPathInvalid, IssueKind.Warning,
                        $"mcpServers {problem}; Codex ignores it and reads {DefaultFile} instead.",
                        manifest.Path, declared.Location.Line, declared.Location.Column, target, "Write the path as ./relative/path inside the plugin."));
                    map = ReadFile(Path.Combine(root, ".mcp.json"), target, issues, required: false);
                }
                else
                {
                    map = ReadFile(file, target, issues, required: true);
                }

                break;
            case null:
                map = ReadFile(Path.Combine(root, ".mcp.json"), target, issues, required: false);
                break;
            default:
                issues.Add(new CodexIssue(ErrorIds.PluginPathInvalid, IssueKind.Warning,
                    $"mcpServers must be a ./path or an object; Codex ignores it and reads {DefaultFile} instead.",
                    manifest.Path, declared.Location.Line, declared.Location.Column, target));
                map = ReadFile(Path.Combine(root, ".mcp.json"), target, issues, required: false);
                break;
        }

        return map is null ? Array.Empty<(string, TomlNode)>() : map.Items.Select(i => (i.Key, i.Value)).ToList();
    }

    private static TomlTableNode? ReadFile(string path, string target, List<CodexIssue> issues, bool required)
    {
        if (!Configuration.PathProbe.Exists(path))
        {
            if (required)
            {
                issues.Add(new CodexIssue(ErrorIds.PluginMcpConfigInvalid, IssueKind.Warning,
                    "The manifest names an MCP file that does not exist; Codex loads no MCP server from this plugin.", path, Target: target));
            }

            return null;
        }

        try
        {
            return Unwrap(JsonFileReader.Read(path, ErrorIds.PluginMcpConfigInvalid, FileSizeLimit.PluginJson), path, target, issues);
        }
        catch (CodexIssueException ex)
        {
            issues.Add(ex.Issue with { Message = ex.Issue.Message + " Codex loads no MCP server from this file.", Target = target });
            return null;
        }
    }

    private static TomlTableNode? Unwrap(TomlTableNode top, string path, string target, List<CodexIssue> issues)
    {
        if (top["mcpServers"] is { } wrapped)
        {
            return wrapped as TomlTableNode;
        }

        if (top["mcp_servers"] is TomlTableNode snake && top.Count == 1)
        {
            issues.Add(new CodexIssue(ErrorIds.PluginMcpConfigInvalid, IssueKind.Warning,
                "The servers are wrapped in \"mcp_servers\"; Codex 0.169.0 recognises only \"mcpServers\" (or a plain map) and loads none of them.",
                path, snake.Location.Line, snake.Location.Column, target, "Rename the wrapper key to \"mcpServers\"."));
            return null;
        }

        return top;
    }
}
