using System.Text;
using System.Text.Json.Nodes;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Masking;
using Codex.Plugins.Mcp;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>The .mcp.json part of a new plugin: each server in the mcpServers shape, with no secret copied.</summary>
internal static class PluginMcpServerPackager
{
    /// <summary>The environment variable a header value is read from once packaged: SERVER_HEADER, upper case.</summary>
    public static string HeaderVariable(string server, string header) => Sanitize($"{server}_{header}");

    /// <summary>
    /// A server as .mcp.json holds it. Values that are secrets or may be never travel: env values become env_vars
    /// (Codex passes those variables from the user's environment), header values become env_http_headers.
    /// </summary>
    public static JsonObject? Entry(CodexMcpServer server, List<CodexIssue> problems)
    {
        var entry = new JsonObject();
        if (server.Transport == McpDefaults.StdioTransport)
        {
            if (server.Command is null)
            {
                problems.Add(PluginPartIssue.Invalid($"The MCP server '{server.Name}' has no command.", server.File, server.Name));
                return null;
            }

            foreach (string text in server.Args.Prepend(server.Command))
            {
                if (!string.Equals(SecretText.Mask(text), text, StringComparison.Ordinal))
                {
                    problems.Add(PluginPartIssue.Invalid($"The MCP server '{server.Name}' carries a secret in its command line ({SecretText.Mask(text)}); it is not copied into a plugin.", server.File, server.Name,
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
                problems.Add(PluginPartIssue.Invalid(server.Url is null ? $"The MCP server '{server.Name}' has no url." : $"The url of the MCP server '{server.Name}' carries a secret ({SecretText.Mask(server.Url)}); it is not copied into a plugin.",
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

    private static string Sanitize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text.ToUpperInvariant())
        {
            sb.Append(c is >= 'A' and <= 'Z' or >= '0' and <= '9' ? c : '_');
        }

        return sb.ToString();
    }
}
