using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Mcp;

/// <summary>What Set-McpToolApproval changes on one server; null members stay as they are.</summary>
public sealed class McpApprovalChange
{
    /// <summary>default_tools_approval_mode, or with <see cref="Tools"/> the tools' approval_mode.</summary>
    public string? Mode { get; init; }

    /// <summary>Tools whose approval_mode is set to <see cref="Mode"/>.</summary>
    public IReadOnlyList<string>? Tools { get; init; }

    public IReadOnlyList<string>? EnabledTools { get; init; }

    public IReadOnlyList<string>? DisabledTools { get; init; }

    /// <summary>The change the parameters ask for; one that changes nothing, or tools without a mode, is ConfigValueInvalid (thrown).</summary>
    public static McpApprovalChange From(string? mode, IReadOnlyList<string>? tools, IReadOnlyList<string>? enabledTools, IReadOnlyList<string>? disabledTools)
    {
        if (mode is null && enabledTools is null && disabledTools is null)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigValueInvalid, IssueKind.InvalidData,
                "Nothing to change: give -Mode, -EnabledTools or -DisabledTools.", null, Target: "Mode"));
        }

        if (tools is not null && mode is null)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigValueInvalid, IssueKind.InvalidData,
                "-Tool needs -Mode: the approval mode to set for those tools.", null, Target: "Tool"));
        }

        return new McpApprovalChange
        {
            Mode = mode is null ? null : McpApprovalEdit.Normalize(mode),
            Tools = tools,
            EnabledTools = enabledTools,
            DisabledTools = disabledTools,
        };
    }
}
