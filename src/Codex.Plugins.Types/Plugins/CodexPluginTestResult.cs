namespace Codex.Plugins;

/// <summary>
/// A plugin folder checked as Codex checks it (would codex plugin add install it; which parts would Codex load) and
/// reviewed for what it can reach: MCP servers with their transports, commands, hosts and environment, hooks with
/// their commands and events, apps, network and secrets found in its files.
/// </summary>
public sealed class CodexPluginTestResult
{
    /// <summary>The name Codex installs the plugin under (the manifest's, or the folder's when blank).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>plugin@marketplace when checked as a marketplace entry, else null.</summary>
    public string? PluginId { get; init; }

    /// <summary>The plugin folder checked.</summary>
    public string Path { get; init; } = string.Empty;

    public string? ManifestPath { get; init; }

    /// <summary>The version folder Codex would install it in ("local" without a version); null when refused.</summary>
    public string? Version { get; init; }

    /// <summary>True when codex plugin add would install it (no CODEX-PLUGIN-002 finding).</summary>
    public bool Installable { get; init; }

    /// <summary>Skills Codex would load, named plugin:skill.</summary>
    public string[] Skills { get; init; } = Array.Empty<string>();

    /// <summary>The skills as loaded (name, description, file).</summary>
    public CodexSkill[] SkillDetails { get; init; } = Array.Empty<CodexSkill>();

    public string[] McpServers { get; init; } = Array.Empty<string>();

    /// <summary>The MCP servers as Codex reads them, secrets masked.</summary>
    public CodexMcpServer[] McpServerDetails { get; init; } = Array.Empty<CodexMcpServer>();

    /// <summary>Hooks Codex would load: Event: command.</summary>
    public string[] Hooks { get; init; } = Array.Empty<string>();

    public CodexHook[] HookDetails { get; init; } = Array.Empty<CodexHook>();

    public string[] Apps { get; init; } = Array.Empty<string>();

    /// <summary>stdio and/or streamable_http.</summary>
    public string[] Transports { get; init; } = Array.Empty<string>();

    /// <summary>Hosts the remote MCP servers connect to.</summary>
    public string[] Hosts { get; init; } = Array.Empty<string>();

    /// <summary>Programs the plugin starts: stdio server commands and hook commands.</summary>
    public string[] Commands { get; init; } = Array.Empty<string>();

    /// <summary>Environment variables the plugin's servers read (env_vars, bearer_token_env_var, env_http_headers, ${VAR}).</summary>
    public string[] EnvVars { get; init; } = Array.Empty<string>();

    public bool NeedsNetwork { get; init; }

    /// <summary>How many secrets were found in the plugin's files.</summary>
    public int SecretCount { get; init; }

    public CodexFinding[] Findings { get; init; } = Array.Empty<CodexFinding>();

    public int ErrorCount => Findings.Count(f => f.Severity == FindingSeverity.Error);

    public int WarningCount => Findings.Count(f => f.Severity == FindingSeverity.Warning);

    public override string ToString() => PluginId ?? Name;
}
