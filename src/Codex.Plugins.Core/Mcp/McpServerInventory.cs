using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Plugins;

namespace Codex.Plugins.Mcp;

/// <summary>
/// Every MCP server Codex would know of, from one configuration stack: the merged [mcp_servers] of all layers, the
/// servers of enabled plugins (with their [plugins."p@m".mcp_servers.S] overrides), the requirements allowlist,
/// and the servers custom agents define for themselves.
/// </summary>
public sealed class McpServerInventory
{
    private static readonly string[] PluginOverrideKeys = { "enabled", "enabled_tools", "disabled_tools", "default_tools_approval_mode", "tools" };

    private McpServerInventory(IReadOnlyList<CodexMcpServer> servers, IReadOnlyList<CodexIssue> issues)
    {
        Servers = servers;
        Issues = issues;
    }

    /// <summary>Config and plugin servers sorted by name in ordinal order (as codex mcp list), then agent servers.</summary>
    public IReadOnlyList<CodexMcpServer> Servers { get; }

    public IReadOnlyList<CodexIssue> Issues { get; }

    /// <summary>The issue for a server name no server has, with the closest names.</summary>
    public CodexIssue NotFound(string name, CodexEnvironment environment) =>
        NameSuggestions.NotFound(ErrorIds.McpServerNotFound, name, $"No MCP server named '{name}' in the configuration of {environment.CodexHome}.",
            Servers.Select(s => s.Name), environment.UserConfigPath, "Run Get-CodexMcpServer without -Name to list the servers Codex knows.");

    public static McpServerInventory Read(ConfigStack stack, bool includeSecret, IEnumerable<AgentMcpDefinition>? agentServers = null)
    {
        var issues = new List<CodexIssue>();
        var options = new McpServerParser.Options(includeSecret, stack.Environment.CodexHome, stack.Environment.ProjectPath);
        var byName = new SortedDictionary<string, CodexMcpServer>(StringComparer.Ordinal);

        if (stack.Effective["mcp_servers"] is { } configured)
        {
            if (configured is TomlTableNode table)
            {
                foreach (var (name, node) in table.Items)
                {
                    ConfigLayer? layer = stack.LayerOf(node);
                    var source = new McpServerSource(McpServerSource.KindOf(layer?.Kind), node.Location.File);
                    var (server, found) = McpServerParser.Parse(name, node, source, options);
                    issues.AddRange(found);
                    if (server is not null)
                    {
                        byName[name] = server;
                    }
                }
            }
            else
            {
                issues.Add(new CodexIssue(ErrorIds.ConfigValueInvalid, IssueKind.InvalidData,
                    "invalid type for `mcp_servers`: expected a table of servers; Codex refuses to load this configuration.",
                    configured.Location.File, configured.Location.Line, configured.Location.Column, "mcp_servers"));
            }
        }

        // The requirements allowlist governs configured servers only: codex 0.169.0 leaves plugin servers to the
        // plugin's own enabled state.
        ApplyRequirements(stack, byName);

        foreach (InstalledPlugin plugin in InstalledPluginLocator.FromConfig(stack, issues))
        {
            if (!plugin.Enabled || plugin.Root is null)
            {
                continue;
            }

            var pluginIssues = new List<CodexIssue>();
            PluginManifestFile? manifest = PluginManifestReader.Read(plugin.Root, plugin.Key.ToString(), out CodexIssue? manifestIssue);
            if (manifest is null)
            {
                issues.Add(manifestIssue!);
                continue;
            }

            var source = new McpServerSource(McpServerSourceKind.Plugin, plugin.Key.ToString(), plugin.Key.ToString()) { IsPluginJson = true };
            foreach (var (name, definition) in PluginMcpServerReader.Read(plugin.Root, plugin.Key.ToString(), manifest, pluginIssues))
            {
                if (byName.ContainsKey(name))
                {
                    // A config server of the same name replaces the plugin's, and the first plugin by key wins.
                    continue;
                }

                TomlNode effective = ApplyPluginOverride(definition, plugin, name, issues);
                var (server, found) = McpServerParser.Parse(name, effective, source, options);
                pluginIssues.AddRange(found.Select(i => i.Kind == IssueKind.Warning ? i : i with
                {
                    ErrorId = ErrorIds.PluginMcpConfigInvalid,
                    Message = i.Message.Replace("Codex refuses to load a configuration with this server.", $"Codex skips this server of plugin {plugin.Key}.", StringComparison.Ordinal),
                }));
                if (server is not null)
                {
                    byName[name] = WithPluginPaths(server, plugin.Root);
                }
            }

            issues.AddRange(pluginIssues);
        }

        var servers = byName.Values.ToList();
        foreach (AgentMcpDefinition agent in agentServers ?? Array.Empty<AgentMcpDefinition>())
        {
            var source = new McpServerSource(McpServerSourceKind.Agent, agent.File, AgentName: agent.AgentName);
            var (server, found) = McpServerParser.Parse(agent.Name, agent.Definition, source, options);
            issues.AddRange(found);
            if (server is not null)
            {
                servers.Add(server);
            }
        }

        return new McpServerInventory(servers, issues);
    }

    /// <summary>
    /// [plugins."p@m".mcp_servers.S] overrides the plugin's policy keys it sets and keeps the others from the plugin's
    /// file, except enabled: codex 0.169.0 reads the table with enabled defaulting to true, so a table that exists
    /// switches the server on unless it says enabled = false, whatever the plugin's file says.
    /// </summary>
    private static TomlNode ApplyPluginOverride(TomlNode definition, InstalledPlugin plugin, string name, List<CodexIssue> issues)
    {
        if (definition is not TomlTableNode body || plugin.ConfigEntry.Table("mcp_servers")?.Table(name) is not { } written)
        {
            return definition;
        }

        TomlTableNode overrideTable = McpServerParser.ValidatePluginOverride(plugin.Key.ToString(), name, written, issues);

        var result = new TomlTableNode(body.Location);
        foreach (var (key, value) in body.Items)
        {
            if (key != "enabled")
            {
                result.Set(key, value);
            }
        }

        foreach (string key in PluginOverrideKeys)
        {
            if (overrideTable[key] is { } value)
            {
                result.Set(key, value);
            }
        }

        return result;
    }

    private static CodexMcpServer WithPluginPaths(CodexMcpServer server, string pluginRoot)
    {
        // Codex joins a relative cwd onto the plugin root as written, without normalising it.
        if (server.Cwd is { Length: > 0 } cwd && !Path.IsPathRooted(cwd))
        {
            return Clone(server, cwd: pluginRoot + "/" + cwd, file: server.File);
        }

        return server;
    }

    private static void ApplyRequirements(ConfigStack stack, SortedDictionary<string, CodexMcpServer> servers)
    {
        if (stack.Requirements?.Root?["mcp_servers"] is not TomlTableNode allowlist)
        {
            return;
        }

        string reason = $"requirements ({stack.Requirements.Path})";
        foreach (string name in servers.Keys.ToList())
        {
            // A server the config already turns off is still reported as the requirements' doing when the allowlist
            // lacks it: that is the reason codex mcp list gives.
            CodexMcpServer server = servers[name];
            bool allowed = allowlist.Table(name) is { } entry && IdentityMatches(entry["identity"] as TomlTableNode, server);
            if (!allowed)
            {
                servers[name] = Clone(server, enabled: false, disabledReason: reason, disabledBy: "Requirements", disabledIn: stack.Requirements.Path);
            }
        }
    }

    private static bool IdentityMatches(TomlTableNode? identity, CodexMcpServer server)
    {
        if (identity is null)
        {
            return false;
        }

        if (identity.String("command") is { } command)
        {
            return server.Transport == McpDefaults.StdioTransport && string.Equals(command, server.Command, StringComparison.Ordinal);
        }

        if (identity.String("url") is { } url)
        {
            return server.Transport == McpDefaults.HttpTransport && string.Equals(url, server.Url, StringComparison.Ordinal);
        }

        return false;
    }

    private static CodexMcpServer Clone(CodexMcpServer s, string? cwd = null, string? file = null, bool? enabled = null, string? disabledReason = null, string? disabledBy = null, string? disabledIn = null) => new()
    {
        Name = s.Name, Source = s.Source, SourceKind = s.SourceKind, File = file ?? s.File, Line = s.Line, PluginId = s.PluginId,
        AgentName = s.AgentName, Transport = s.Transport, Command = s.Command, Args = s.Args, Cwd = cwd ?? s.Cwd, Env = s.Env,
        EnvVars = s.EnvVars, Url = s.Url, Auth = s.Auth, BearerTokenEnvVar = s.BearerTokenEnvVar, HttpHeaders = s.HttpHeaders,
        EnvHttpHeaders = s.EnvHttpHeaders, OAuthClientId = s.OAuthClientId, OAuthResource = s.OAuthResource, Scopes = s.Scopes,
        Enabled = enabled ?? s.Enabled, DisabledReason = disabledReason ?? s.DisabledReason, DisabledBy = disabledBy ?? s.DisabledBy, DisabledIn = disabledIn ?? s.DisabledIn, ConfigKey = s.ConfigKey,
        Required = s.Required, EnabledTools = s.EnabledTools, DisabledTools = s.DisabledTools,
        DefaultToolsApprovalMode = s.DefaultToolsApprovalMode, ToolApprovalModes = s.ToolApprovalModes,
        StartupTimeoutSec = s.StartupTimeoutSec, StartupTimeoutIsDefault = s.StartupTimeoutIsDefault,
        ToolTimeoutSec = s.ToolTimeoutSec, ToolTimeoutIsDefault = s.ToolTimeoutIsDefault, SecretsMasked = s.SecretsMasked,
        CodexHome = s.CodexHome, ProjectPath = s.ProjectPath,
    };
}
