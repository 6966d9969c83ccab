using Codex.Plugins.Mcp;

namespace Codex.Plugins.Plugins.Lifecycle;

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
