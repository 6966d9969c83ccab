using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>The problem New-CodexPlugin reports for a part (skill, MCP server, hook) it cannot package.</summary>
internal static class PluginPartIssue
{
    public static CodexIssue Invalid(string message, string? file, string target, string? action = null) =>
        new(ErrorIds.PluginPartInvalid, IssueKind.InvalidData, message, file, Target: target, RecommendedAction: action);
}
