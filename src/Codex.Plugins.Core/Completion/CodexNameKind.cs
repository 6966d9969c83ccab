namespace Codex.Plugins.Completion;

/// <summary>The kinds of name a parameter takes, each completed from what the bound Codex home holds.</summary>
public enum CodexNameKind
{
    McpServer,
    Plugin,
    PluginId,
    AvailablePluginId,
    Marketplace,
    ConfigProfile,
    PermissionProfile,
    HookKey,
    Skill,
    Agent,
    RuleId,
    ConfigKey,
}
