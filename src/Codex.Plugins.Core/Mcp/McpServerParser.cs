using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Masking;

namespace Codex.Plugins.Mcp;

/// <summary>
/// Turns one server definition into a <see cref="CodexMcpServer"/>, applying Codex's own validation with Codex's own
/// words: a definition Codex would refuse comes back as an issue instead of a server.
/// </summary>
public static class McpServerParser
{
    private static readonly string[] StdioOnly = { "args", "env", "env_vars", "cwd" };
    private static readonly string[] HttpOnly = { "bearer_token_env_var", "http_headers", "env_http_headers", "oauth", "oauth_resource" };

    public sealed record Options(bool IncludeSecret, string CodexHome, string ProjectPath);

    /// <summary>The server, or null with the issues that make Codex refuse it. Warnings may come with a server.</summary>
    public static (CodexMcpServer? Server, IReadOnlyList<CodexIssue> Issues) Parse(string name, TomlNode node, McpServerSource source, Options options)
    {
        var issues = new List<CodexIssue>();
        string keyPath = $"mcp_servers.{TomlKey.Quote(name)}";
        CodexIssue Refusal(McpRefusal refusal, TomlNode at, string? key = null) => new(
            refusal.ErrorId, IssueKind.InvalidData,
            $"{refusal.Message} in `{(key is null ? keyPath : keyPath + "." + key)}`; Codex refuses to load a configuration with this server.",
            at.Location.File, at.Location.Line, at.Location.Column, name,
            refusal.RecommendedAction);

        if (node is not TomlTableNode table)
        {
            issues.Add(Refusal(McpRefusal.WrongType($"invalid type: {TypeWord(node)}, expected struct RawMcpServerConfig"), node));
            return (null, issues);
        }

        if (!McpServerName.IsValid(name))
        {
            issues.Add(new CodexIssue(ErrorIds.McpServerNameInvalid, IssueKind.Warning,
                $"MCP server name '{name}' does not match ^[a-zA-Z0-9_-]+$: Codex loads it from configuration, but `codex mcp add` refuses such names and its tools are named mcp__{name}__TOOL.",
                node.Location.File, node.Location.Line, node.Location.Column, name, "Rename the server to letters, digits, '-' and '_'."));
        }

        TomlTableNode body = source.IsPluginJson ? PluginJsonShape.Normalize(table) : table;
        if (source.IsPluginJson && table["headers"] is { } claudeHeaders && table["http_headers"] is null)
        {
            issues.Add(new CodexIssue(ErrorIds.PluginMcpConfigInvalid, IssueKind.Warning,
                $"Server '{name}' sets \"headers\", which Codex 0.169.0 ignores: the server starts without those headers.",
                claudeHeaders.Location.File, claudeHeaders.Location.Line, claudeHeaders.Location.Column, source.PluginId ?? name,
                "Rename \"headers\" to \"http_headers\"."));
        }

        // Type checks first: serde fails on the first value of the wrong type.
        foreach (var check in TypeChecks(body))
        {
            issues.Add(Refusal(McpRefusal.WrongType(check.Message), check.Node, check.Key));
        }

        bool hasCommand = body["command"] is not null;
        bool hasUrl = body["url"] is not null;
        if (body["bearer_token"] is { } inlineToken)
        {
            issues.Add(Refusal(McpRefusal.InlineBearerToken(hasCommand ? "stdio" : "streamable_http"), inlineToken));
        }

        if (hasCommand)
        {
            foreach (string key in HttpOnly.Prepend("url"))
            {
                if (body[key] is { } misplaced)
                {
                    issues.Add(Refusal(McpRefusal.OtherTransportKey(key, "stdio"), misplaced));
                }
            }
        }
        else if (hasUrl)
        {
            foreach (string key in StdioOnly)
            {
                if (body[key] is { } misplaced)
                {
                    issues.Add(Refusal(McpRefusal.OtherTransportKey(key, "streamable_http"), misplaced));
                }
            }
        }
        else
        {
            issues.Add(Refusal(McpRefusal.NoTransport(), table));
        }

        ValidateApprovalMode(body["default_tools_approval_mode"], "default_tools_approval_mode", issues, Refusal);
        var toolModes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (body["tools"] is TomlTableNode tools)
        {
            foreach (var (tool, toolNode) in tools.Items)
            {
                if (toolNode is TomlTableNode toolTable && toolTable["approval_mode"] is { } mode)
                {
                    if (ValidateApprovalMode(mode, $"tools.{TomlKey.Quote(tool)}.approval_mode", issues, Refusal))
                    {
                        toolModes[tool] = (string)((TomlValueNode)mode).Value;
                    }
                }
            }
        }

        (double startup, bool startupDefault) = Timeout(body, "startup_timeout_sec", "startup_timeout_ms", McpDefaults.StartupTimeoutSec, issues, Refusal);
        (double toolTimeout, bool toolDefault) = Timeout(body, "tool_timeout_sec", null, McpDefaults.ToolTimeoutSec, issues, Refusal);

        if (issues.Any(i => i.Kind != IssueKind.Warning))
        {
            return (null, issues);
        }

        var env = StringMap(body["env"]);
        var headers = StringMap(body["http_headers"]);
        var envHeaders = StringMap(body["env_http_headers"]);
        string? bearerEnv = body.String("bearer_token_env_var");
        TomlTableNode? oauth = body["oauth"] as TomlTableNode;
        var auth = new List<string>();
        if (!hasCommand)
        {
            if (bearerEnv is not null)
            {
                auth.Add("BearerTokenEnvVar");
            }

            if (oauth is not null || body["scopes"] is not null || body["oauth_resource"] is not null)
            {
                auth.Add("OAuth");
            }

            if (headers.Count > 0)
            {
                auth.Add("StaticHeaders");
            }

            if (envHeaders.Count > 0)
            {
                auth.Add("EnvHeaders");
            }
        }

        if (auth.Count == 0)
        {
            auth.Add("None");
        }

        bool enabled = body["enabled"] is not TomlValueNode { Value: false };
        string[] args = Strings(body["args"]) ?? Array.Empty<string>();
        string[] shownArgs = options.IncludeSecret ? args : SecretArguments.Mask(args);
        var server = new CodexMcpServer
        {
            Name = name,
            Source = source.Source,
            SourceKind = source.Kind,
            File = table.Location.File,
            Line = table.Location.Line,
            PluginId = source.PluginId,
            AgentName = source.AgentName,
            Transport = hasCommand ? McpDefaults.StdioTransport : McpDefaults.HttpTransport,
            Command = body.String("command"),
            Args = shownArgs,
            Cwd = body.String("cwd"),
            Env = SecretMask.Apply(env, options.IncludeSecret),
            EnvVars = EnvVars(body["env_vars"]),
            Url = body.String("url") is { } url && !options.IncludeSecret ? SecretText.Mask(url) : body.String("url"),
            Auth = auth.ToArray(),
            BearerTokenEnvVar = bearerEnv,
            HttpHeaders = SecretMask.Apply(headers, options.IncludeSecret),
            EnvHttpHeaders = envHeaders,
            OAuthClientId = oauth?.String("client_id"),
            OAuthResource = body.String("oauth_resource"),
            Scopes = Strings(body["scopes"]) ?? Array.Empty<string>(),
            Enabled = enabled,
            DisabledReason = null,
            DisabledBy = enabled ? null : "Config",
            ConfigKey = TomlKey.Join(source.PluginId is { } plugin ? new[] { "plugins", plugin, "mcp_servers", name } : new[] { "mcp_servers", name }),
            Required = body["required"] is TomlValueNode { Value: true },
            EnabledTools = Strings(body["enabled_tools"]),
            DisabledTools = Strings(body["disabled_tools"]),
            DefaultToolsApprovalMode = body.String("default_tools_approval_mode"),
            ToolApprovalModes = toolModes,
            StartupTimeoutSec = startup,
            StartupTimeoutIsDefault = startupDefault,
            ToolTimeoutSec = toolTimeout,
            ToolTimeoutIsDefault = toolDefault,
            SecretsMasked = !options.IncludeSecret && (env.Count > 0 || headers.Count > 0 || !shownArgs.SequenceEqual(args, StringComparer.Ordinal)),
            CodexHome = options.CodexHome,
            ProjectPath = options.ProjectPath,
        };
        return (server, issues);
    }

    /// <summary>
    /// An approval mode Codex does not know in a [plugins."p@m".mcp_servers.S] override is a configuration error, not a
    /// skipped plugin server: codex 0.169.0 refuses the whole configuration ("... in `plugins`"). Returns the override
    /// without the keys it refuses, so the server still reads as its plugin defines it.
    /// </summary>
    public static TomlTableNode ValidatePluginOverride(string pluginKey, string serverName, TomlTableNode overrideTable, List<CodexIssue> issues)
    {
        var refused = new HashSet<string>(StringComparer.Ordinal);
        CodexIssue Refusal(McpRefusal refusal, TomlNode at, string? key) => new(
            refusal.ErrorId, IssueKind.InvalidData,
            $"{refusal.Message} in `plugins`; Codex refuses to load this configuration.",
            at.Location.File, at.Location.Line, at.Location.Column,
            $"plugins.{TomlKey.Quote(pluginKey)}.mcp_servers.{TomlKey.Quote(serverName)}.{key}",
            refusal.RecommendedAction);

        if (overrideTable["default_tools_approval_mode"] is { } mode && !ValidateApprovalMode(mode, "default_tools_approval_mode", issues, Refusal))
        {
            refused.Add("default_tools_approval_mode");
        }

        if (overrideTable["tools"] is TomlTableNode tools)
        {
            foreach (var (tool, settings) in tools.Items)
            {
                if (settings is TomlTableNode t && t["approval_mode"] is { } toolMode
                    && !ValidateApprovalMode(toolMode, $"tools.{TomlKey.Quote(tool)}.approval_mode", issues, Refusal))
                {
                    refused.Add("tools");
                }
            }
        }

        if (refused.Count == 0)
        {
            return overrideTable;
        }

        var kept = new TomlTableNode(overrideTable.Location);
        foreach (var (key, value) in overrideTable.Items)
        {
            if (!refused.Contains(key))
            {
                kept.Set(key, value);
            }
        }

        return kept;
    }

    private static bool ValidateApprovalMode(TomlNode? node, string key, List<CodexIssue> issues, Func<McpRefusal, TomlNode, string?, CodexIssue> refusal)
    {
        if (node is null)
        {
            return false;
        }

        if (node is TomlValueNode { Value: string mode })
        {
            if (McpDefaults.ApprovalModes.Contains(mode))
            {
                return true;
            }

            issues.Add(refusal(McpRefusal.UnknownApprovalMode(mode), node, key));
            return false;
        }

        issues.Add(refusal(McpRefusal.WrongType($"invalid type: {TypeWord(node)}, expected a string"), node, key));
        return false;
    }

    private static (double Seconds, bool IsDefault) Timeout(TomlTableNode body, string secKey, string? msKey, double fallback, List<CodexIssue> issues, Func<McpRefusal, TomlNode, string?, CodexIssue> refusal)
    {
        double? value = null;
        if (body[secKey] is TomlValueNode sec)
        {
            value = sec.Value switch { long l => l, double d => d, _ => null };
        }
        else if (msKey is not null && body[msKey] is TomlValueNode ms && ms.Value is long millis)
        {
            value = millis / 1000.0;
        }

        if (value is null)
        {
            return (fallback, true);
        }

        if (value < 0 || double.IsNaN(value.Value))
        {
            issues.Add(refusal(McpRefusal.NegativeTimeout(), body[secKey] ?? body[msKey!]!, null));
            return (fallback, true);
        }

        return (AsCodexDuration(value.Value), false);
    }

    /// <summary>
    /// Codex keeps a timeout as a Rust Duration (whole nanoseconds, rounded to nearest) and prints it back as
    /// seconds + nanoseconds / 1e9, so 2.9999999999 becomes 3, 1e-10 becomes 0 and 1.23456789 becomes
    /// 1.2345678900000001. Showing the same number is what keeps us in step with codex mcp list.
    /// </summary>
    internal static double AsCodexDuration(double seconds)
    {
        double whole = Math.Floor(seconds);
        double nanos = Math.Round((seconds - whole) * 1e9, MidpointRounding.ToEven);
        if (nanos >= 1e9)
        {
            whole += 1;
            nanos -= 1e9;
        }

        return whole + nanos / 1e9;
    }

    private static IEnumerable<(string Message, TomlNode Node, string Key)> TypeChecks(TomlTableNode body)
    {
        foreach (var (key, node) in body.Items)
        {
            string? expected = key switch
            {
                "command" or "cwd" or "url" or "bearer_token_env_var" or "bearer_token" or "oauth_resource" or "default_tools_approval_mode" or "experimental_environment" => node is TomlValueNode { Value: string } ? null : "a string",
                "args" or "enabled_tools" or "disabled_tools" or "scopes" => node is TomlArrayNode a && a.Items.All(i => i is TomlValueNode { Value: string }) ? null : "a sequence of strings",
                "env" or "http_headers" or "env_http_headers" => node is TomlTableNode t && t.Items.All(i => i.Value is TomlValueNode { Value: string }) ? null : "a map of strings",
                "enabled" or "required" or "supports_parallel_tool_calls" => node is TomlValueNode { Value: bool } ? null : "a boolean",
                "startup_timeout_sec" or "tool_timeout_sec" => node is TomlValueNode { Value: long or double } ? null : "a number of seconds",
                "startup_timeout_ms" => node is TomlValueNode { Value: long } ? null : "an integer",
                "tools" or "oauth" => node is TomlTableNode ? null : "a table",
                _ => null,
            };
            if (expected is not null)
            {
                yield return ($"invalid type: {TypeWord(node)}, expected {expected}", node, key);
            }
        }
    }

    private static string TypeWord(TomlNode node) => node switch
    {
        TomlValueNode { Value: string s } => $"string \"{s}\"",
        TomlValueNode { Value: long l } => $"integer `{l}`",
        TomlValueNode { Value: double d } => $"floating point `{d}`",
        TomlValueNode { Value: bool b } => $"boolean `{(b ? "true" : "false")}`",
        TomlArrayNode => "sequence",
        TomlTableNode => "map",
        JsonNullNode => "null",
        _ => "value",
    };

    private static SortedDictionary<string, string> StringMap(TomlNode? node)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (node is TomlTableNode table)
        {
            foreach (var (key, value) in table.Items)
            {
                if (value is TomlValueNode { Value: string s })
                {
                    map[key] = s;
                }
            }
        }

        return map;
    }

    private static string[]? Strings(TomlNode? node) => node is TomlArrayNode array
        ? array.Items.OfType<TomlValueNode>().Select(v => v.Value as string).OfType<string>().ToArray()
        : null;

    private static string[] EnvVars(TomlNode? node)
    {
        if (node is not TomlArrayNode array)
        {
            return Array.Empty<string>();
        }

        var names = new List<string>();
        foreach (TomlNode item in array.Items)
        {
            switch (item)
            {
                case TomlValueNode { Value: string name }:
                    names.Add(name);
                    break;
                case TomlTableNode entry when entry.String("name") is { } name:
                    names.Add(entry.String("source") is "remote" ? $"{name} (remote)" : name);
                    break;
            }
        }

        return names.ToArray();
    }
}
