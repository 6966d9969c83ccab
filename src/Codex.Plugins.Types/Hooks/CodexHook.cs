namespace Codex.Plugins;

/// <summary>
/// One hook handler Codex would list (app-server hooks/list): what runs, on which event and matcher, where it is
/// written, and whether Codex would run it (enabled, and managed or trusted by hash).
/// </summary>
public sealed class CodexHook
{
    /// <summary>Codex's key for the handler: &lt;source&gt;:&lt;event_label&gt;:&lt;group&gt;:&lt;handler&gt;, as used in [hooks.state."KEY"].</summary>
    public string Key { get; init; } = string.Empty;

    /// <summary>The event, PascalCase as in hooks.json (PreToolUse, Stop, ...).</summary>
    public string Event { get; init; } = string.Empty;

    /// <summary>The group's matcher as Codex keeps it (null when absent, or when the event ignores matchers).</summary>
    public string? Matcher { get; init; }

    /// <summary>command or mcp_tool (prompt and agent handlers are skipped by Codex and not listed).</summary>
    public string HandlerType { get; init; } = "command";

    /// <summary>The command Codex runs, after ${PLUGIN_ROOT}-style substitution for plugin hooks.</summary>
    public string? Command { get; init; }

    /// <summary>The command as written (before substitution); the trust hash is computed from it.</summary>
    public string? ConfiguredCommand { get; init; }

    /// <summary>The command as it runs, unmasked (Command and ConfiguredCommand are masked for display): never shown.</summary>
    internal string? RunCommand { get; init; }

    /// <summary>The command as written, unmasked, for Codex's trust hash: never shown.</summary>
    internal string? RawConfiguredCommand { get; init; }

    /// <summary>For mcp_tool handlers: the MCP server and tool.</summary>
    public string? McpServer { get; init; }

    public string? McpTool { get; init; }

    /// <summary>The async flag as written (Codex runs SessionEnd hooks synchronously regardless).</summary>
    public bool Async { get; init; }

    /// <summary>The effective timeout in seconds: 600 by default (1 for SessionEnd and Interrupt, which are capped at 3).</summary>
    public int TimeoutSec { get; init; }

    public string? StatusMessage { get; init; }

    /// <summary>additionalContextLimit as written (kept only for events that can add context).</summary>
    public long? AdditionalContextLimit { get; init; }

    /// <summary>Where Codex says the hook comes from: system, user, project, plugin, legacyManagedConfigFile, ...</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>The file (or managed folder) Codex names as the hook's source.</summary>
    public string SourcePath { get; init; } = string.Empty;

    /// <summary>The file that defines the handler, and the line of its definition (0 when unknown).</summary>
    public string File { get; init; } = string.Empty;

    public int Line { get; init; }

    /// <summary>The plugin (p@m) for plugin hooks.</summary>
    public string? PluginId { get; init; }

    /// <summary>The plugin's root and data folders (PLUGIN_ROOT, PLUGIN_DATA) for plugin hooks.</summary>
    public string? PluginRoot { get; init; }

    public string? PluginData { get; init; }

    /// <summary>Codex's listing order across all sources (managed requirements, layers low to high, plugins).</summary>
    public int DisplayOrder { get; init; }

    /// <summary>False when [hooks.state."KEY"] enabled = false (managed hooks cannot be disabled).</summary>
    public bool Enabled { get; init; }

    public bool IsManaged { get; init; }

    /// <summary>Managed, Trusted, Untrusted, Modified; Unverified when the stored hash could not be checked (see TrustHashKnown).</summary>
    public HookTrustStatus TrustStatus { get; init; }

    /// <summary>
    /// The trust hash of the definition, as Codex computes it: the value to store as trusted_hash. For plugin hooks
    /// Codex's hooks/list shows this hash followed by "/sha256:..." of the plugin's files, but trusts by this part.
    /// Null for mcp_tool handlers, whose hashed identity is not reproduced.
    /// </summary>
    public string? CurrentHash { get; init; }

    /// <summary>False when CurrentHash could not be computed (mcp_tool handlers): a stored hash is then Unverified.</summary>
    public bool TrustHashKnown { get; init; }

    /// <summary>The trusted_hash stored in [hooks.state."KEY"], if any.</summary>
    public string? TrustedHash { get; init; }

    /// <summary>True when Codex would run the handler without --dangerously-bypass-hook-trust.</summary>
    public bool WouldRun { get; init; }

    /// <summary>Environment variables Codex adds for the handler (PLUGIN_ROOT, PLUGIN_DATA, CLAUDE_PLUGIN_*).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The Codex home and project the hook was read for, so Invoke-CodexHook further down a pipeline reads the same.</summary>
    public string CodexHome { get; init; } = string.Empty;

    public string ProjectPath { get; init; } = string.Empty;

    public override string ToString() => Key;
}
