namespace Codex.Plugins;

/// <summary>
/// An MCP server Codex would start (or would not, and why), with every setting that decides how, where it was
/// configured, and its secrets masked unless they were asked for by name.
/// </summary>
public sealed class CodexMcpServer
{
    /// <summary>The server's name (the key under mcp_servers; tools are named mcp__NAME__TOOL).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Where it is defined: the config file, the agent file, or the plugin key (p@m).</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>System, User, Profile, Project, Managed, Plugin or Agent.</summary>
    public McpServerSourceKind SourceKind { get; init; }

    /// <summary>The file that defines the server.</summary>
    public string File { get; init; } = string.Empty;

    /// <summary>The line of the server's table (0 when the file format gives none).</summary>
    public int Line { get; init; }

    /// <summary>The plugin that provides the server (p@m), when it comes from a plugin.</summary>
    public string? PluginId { get; init; }

    /// <summary>The custom agent whose file defines the server, when it comes from one.</summary>
    public string? AgentName { get; init; }

    /// <summary>stdio or streamable_http, as Codex names them.</summary>
    public string Transport { get; init; } = string.Empty;

    public string? Command { get; init; }

    public string[] Args { get; init; } = Array.Empty<string>();

    public string? Cwd { get; init; }

    /// <summary>Environment set for the child process; values masked unless -IncludeSecret.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Names of environment variables forwarded to the child (remote ones as NAME (remote)).</summary>
    public string[] EnvVars { get; init; } = Array.Empty<string>();

    public string? Url { get; init; }

    /// <summary>How the server authenticates: None, BearerTokenEnvVar, OAuth, StaticHeaders, EnvHeaders (several may apply).</summary>
    public string[] Auth { get; init; } = new[] { "None" };

    public string? BearerTokenEnvVar { get; init; }

    /// <summary>Static HTTP headers; values masked unless -IncludeSecret.</summary>
    public IReadOnlyDictionary<string, string> HttpHeaders { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Headers whose values Codex reads from environment variables: header name to variable name.</summary>
    public IReadOnlyDictionary<string, string> EnvHttpHeaders { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    public string? OAuthClientId { get; init; }

    public string? OAuthResource { get; init; }

    public string[] Scopes { get; init; } = Array.Empty<string>();

    public bool Enabled { get; init; } = true;

    /// <summary>The reason Codex itself reports (codex mcp list): null, or "requirements (FILE)".</summary>
    public string? DisabledReason { get; init; }

    /// <summary>Why it is off, in our words: Config (enabled = false where it is defined) or Requirements (not on the allowlist).</summary>
    public string? DisabledBy { get; init; }

    /// <summary>The requirements file whose MCP allowlist leaves the server out (when DisabledBy is Requirements).</summary>
    public string? DisabledIn { get; init; }

    /// <summary>
    /// The server's table as a dotted TOML key, quoted as Get-CodexConfig shows keys: mcp_servers.NAME, or
    /// plugins."p@m".mcp_servers.NAME for a plugin's server (where its overrides go).
    /// </summary>
    public string ConfigKey { get; init; } = string.Empty;

    public bool Required { get; init; }

    /// <summary>The tool allow list (null: every tool).</summary>
    public string[]? EnabledTools { get; init; }

    /// <summary>The tool deny list, applied after the allow list.</summary>
    public string[]? DisabledTools { get; init; }

    /// <summary>auto, prompt, writes or approve; null when unset (Codex then behaves as auto).</summary>
    public string? DefaultToolsApprovalMode { get; init; }

    /// <summary>Per-tool approval modes: tool name to mode.</summary>
    public IReadOnlyDictionary<string, string> ToolApprovalModes { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    public double StartupTimeoutSec { get; init; }

    /// <summary>True when StartupTimeoutSec is Codex's default, not a configured value.</summary>
    public bool StartupTimeoutIsDefault { get; init; }

    public double ToolTimeoutSec { get; init; }

    /// <summary>True when ToolTimeoutSec is Codex's default, not a configured value.</summary>
    public bool ToolTimeoutIsDefault { get; init; }

    /// <summary>True when secret values (Env, HttpHeaders) are masked.</summary>
    public bool SecretsMasked { get; init; }

    /// <summary>The Codex home this was read from, so later cmdlets in the pipeline read the same machine.</summary>
    public string CodexHome { get; init; } = string.Empty;

    /// <summary>The project path this was read for.</summary>
    public string ProjectPath { get; init; } = string.Empty;

    public override string ToString() => Name;
}
