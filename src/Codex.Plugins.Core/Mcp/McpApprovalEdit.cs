using Codex.Plugins.Configuration;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Mcp;

/// <summary>
/// How an MCP server's tool policy is written: the keys, the file, and what to tell the user. Config servers are
/// <c>[mcp_servers.S]</c>; plugin servers are <c>[plugins."p@m".mcp_servers.S]</c>, the override Codex reads for them.
/// </summary>
public static class McpApprovalEdit
{
    /// <summary>The values Codex 0.169.0 accepts (anything else fails the whole load: "unknown variant").</summary>
    public static IReadOnlyList<string> Modes { get; } = new[] { "auto", "prompt", "writes", "approve" };

    public static string[] TablePath(CodexMcpServer server) => server.PluginId is { } plugin
        ? new[] { "plugins", plugin, "mcp_servers", server.Name }
        : new[] { "mcp_servers", server.Name };

    /// <summary>The keys and values to set, in a stable order.</summary>
    public static IReadOnlyList<ConfigEditOperation> Steps(CodexMcpServer server, McpApprovalChange change)
    {
        string[] table = TablePath(server);
        var steps = new List<ConfigEditOperation>();
        if (change.EnabledTools is { } enabled)
        {
            steps.Add(Set(table.Append("enabled_tools"), TomlEditValue.StringArray(enabled)));
        }

        if (change.DisabledTools is { } disabled)
        {
            steps.Add(Set(table.Append("disabled_tools"), TomlEditValue.StringArray(disabled)));
        }

        if (change.Mode is { } mode)
        {
            string value = Normalize(mode);
            if (change.Tools is { Count: > 0 } tools)
            {
                steps.AddRange(tools.Select(t => Set(table.Concat(new[] { "tools", t, "approval_mode" }), TomlEditValue.String(value))));
            }
            else
            {
                steps.Add(Set(table.Append("default_tools_approval_mode"), TomlEditValue.String(value)));
            }
        }

        return steps;
    }

    /// <summary>What the confirmation shows for <paramref name="steps"/> on <paramref name="server"/>.</summary>
    public static string Describe(CodexMcpServer server, IReadOnlyList<ConfigEditOperation> steps) => $"Set {string.Join(", ", steps)} (MCP server '{server.Name}')";

    private static ConfigEditOperation Set(IEnumerable<string> key, TomlEditValue value) => new(ConfigEditKind.Set, key.ToArray(), value);

    /// <summary>The mode as Codex spells it (lower case); throws for anything Codex would refuse.</summary>
    public static string Normalize(string mode) =>
        Modes.FirstOrDefault(m => string.Equals(m, mode, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown variant `{mode}`, expected one of `auto`, `prompt`, `writes`, `approve`", nameof(mode));

    /// <summary>
    /// One server's change: the file it goes to (<paramref name="explicitTarget"/>, else <see cref="DefaultTarget"/>),
    /// the issues to write first, and the steps with what the confirmation shows. A file that cannot hold this
    /// server's policy (<see cref="CheckScope"/>) gives that issue alone and no steps.
    /// </summary>
    public static (string Target, IReadOnlyList<CodexIssue> Issues, IReadOnlyList<ConfigEditOperation>? Steps, string Description) Plan(
        ConfigStack stack, CodexMcpServer server, McpApprovalChange change, string? explicitTarget)
    {
        string target = explicitTarget ?? DefaultTarget(stack, server);
        if (CheckScope(stack, server, target) is { } scopeIssue)
        {
            return (target, new[] { scopeIssue }, null, string.Empty);
        }

        IReadOnlyList<ConfigEditOperation> steps = Steps(server, change);
        return (target, ToolWarnings(server, change, target).ToList(), steps, Describe(server, steps));
    }

    /// <summary>
    /// Where the change goes when no scope is given: the file that defines a config server (if it is one a user
    /// edits: system, user, profile or project), else the user config (always for plugin servers).
    /// </summary>
    public static string DefaultTarget(ConfigStack stack, CodexMcpServer server)
    {
        if (server.AgentName is not null)
        {
            // A custom agent's own server lives in the agent file, and only there does Codex read its policy.
            return server.File;
        }

        if (server.PluginId is null && ConfigTarget.LayerOf(stack, server.File) is { Kind: ConfigLayerKind.System or ConfigLayerKind.User or ConfigLayerKind.Profile or ConfigLayerKind.Project } layer)
        {
            return layer.Path;
        }

        return stack.Environment.UserConfigPath;
    }

    /// <summary>
    /// Refuses a write that would leave a server table without a transport in a file that applies where the
    /// server's definition does not: e.g. a project's server given policy in config.toml would make every other
    /// session fail with "invalid transport".
    /// </summary>
    public static CodexIssue? CheckScope(ConfigStack stack, CodexMcpServer server, string targetPath)
    {
        if (server.PluginId is not null || string.Equals(Path.GetFullPath(targetPath), server.File, StringComparison.Ordinal))
        {
            return null;
        }

        ConfigLayer? defining = ConfigTarget.LayerOf(stack, server.File);
        ConfigLayer? target = ConfigTarget.LayerOf(stack, targetPath);
        // A file outside the stack is the caller's explicit choice (ConfigTarget.Notes warns Codex does not read it).
        // System, user and managed layers apply in every session of this home, so any layer that adds policy to
        // their servers always merges onto a definition.
        if (target is null || defining?.Kind is ConfigLayerKind.System or ConfigLayerKind.User or ConfigLayerKind.Managed)
        {
            return null;
        }

        return new CodexIssue(ErrorIds.McpServerNotInScope, IssueKind.InvalidData,
            $"MCP server '{server.Name}' is defined in {server.File}; writing its policy to {targetPath} would leave a server without `command` or `url` there, and Codex refuses to load that (\"invalid transport\") wherever {server.File} does not apply.",
            targetPath, Target: server.Name,
            RecommendedAction: $"Leave out -Scope/-ConfigPath to change {server.File}, or pick a layer above it.");
    }

    /// <summary>Per-tool settings for tools the server does not expose: Codex ignores them, the user should know.</summary>
    public static IEnumerable<CodexIssue> ToolWarnings(CodexMcpServer server, McpApprovalChange change, string targetPath)
    {
        if (change.Tools is not { Count: > 0 } tools || change.Mode is null)
        {
            yield break;
        }

        IReadOnlyList<string>? enabled = change.EnabledTools ?? server.EnabledTools;
        IReadOnlyList<string>? disabled = change.DisabledTools ?? server.DisabledTools;
        foreach (string tool in tools)
        {
            if (enabled is not null && !enabled.Contains(tool, StringComparer.Ordinal))
            {
                string hint = NameSuggestions.Hint(tool, enabled);
                yield return new CodexIssue(ErrorIds.McpToolNotEnabled, IssueKind.Warning,
                    $"Tool '{tool}' is not in the enabled_tools of MCP server '{server.Name}' ({string.Join(", ", enabled)}), so Codex does not offer it and its approval mode has no effect.{hint}",
                    targetPath, Target: $"{server.Name}/{tool}",
                    RecommendedAction: "Add the tool to -EnabledTools, or check its name.");
            }
            else if (disabled is not null && disabled.Contains(tool, StringComparer.Ordinal))
            {
                yield return new CodexIssue(ErrorIds.McpToolNotEnabled, IssueKind.Warning,
                    $"Tool '{tool}' is in the disabled_tools of MCP server '{server.Name}', so Codex does not offer it and its approval mode has no effect.",
                    targetPath, Target: $"{server.Name}/{tool}");
            }
        }
    }
}
