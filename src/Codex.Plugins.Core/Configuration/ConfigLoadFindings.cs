using Codex.Plugins.Configuration.Schema;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Findings;
using Codex.Plugins.Permissions;

namespace Codex.Plugins.Configuration;

/// <summary>
/// A configuration Codex cannot start with, as error findings in Codex's own words: a Codex home that does not exist
/// or is a file ("failed to resolve CODEX_HOME"); a layer that does not parse, a legacy profile selector, a value of
/// the wrong type or an unknown variant anywhere Codex reads one, or an MCP server definition it refuses ("failed to
/// load bootstrap configuration"); a default permission profile that cannot be built ("failed to load
/// configuration"). An audit that finds one reports nothing else about the configuration: what Codex never loaded has
/// no permissions or servers to judge.
/// </summary>
public sealed class ConfigLoadFindings : IFindingProvider
{
    public const string ResolveHomeFailed = "failed to resolve CODEX_HOME";
    public const string LoadFailed = "failed to load bootstrap configuration";
    public const string BuildFailed = "failed to load configuration";

    /// <summary>What Codex refuses when it builds the default profile; bad access words are refused earlier, by type.</summary>
    private static readonly HashSet<string> DefaultProfileRefusals = new(StringComparer.Ordinal)
    {
        ErrorIds.PermissionProfileNotFound, ErrorIds.PermissionProfileCycle, ErrorIds.PermissionProfileUnknownParent,
        ErrorIds.PermissionProfileUnsupportedParent, ErrorIds.PermissionPathNotAbsolute,
    };

    public IEnumerable<CodexFinding> Find(AuditContext context)
    {
        ConfigStack stack = context.Stack;
        IEnumerable<CodexIssue> home = stack.Issues.Where(i => i.ErrorId is ErrorIds.CodexHomeNotFound or ErrorIds.CodexHomeNotDirectory);
        if (home.Any())
        {
            return home.Select(i => Finding(ResolveHomeFailed, i, "Point -CodexHome (or $CODEX_HOME) at an existing folder: codex does not start otherwise.")).ToList();
        }

        List<CodexIssue> blocking = stack.Issues.Where(i => i.Kind != IssueKind.Warning).ToList();
        if (blocking.Count == 0)
        {
            var layerFiles = new HashSet<string>(stack.Layers.Select(l => l.Path), StringComparer.Ordinal);
            blocking.AddRange(ConfigSchemaCheck.Check(stack));

            // Server definitions are checked as the servers are read; one that Codex refuses fails the whole load.
            blocking.AddRange(context.McpServers.Issues.Where(i => i.Kind != IssueKind.Warning && i.File is not null && layerFiles.Contains(i.File)));
        }

        // A profile file (NAME.config.toml) is read after the bootstrap, so codex names the later phase for it.
        var profileFiles = new HashSet<string>(stack.Layers.Where(l => l.Kind == ConfigLayerKind.Profile).Select(l => l.Path), StringComparer.Ordinal);
        var findings = blocking
            .Select(i => Finding(i.File is not null && profileFiles.Contains(i.File) ? BuildFailed : LoadFailed, i, i.RecommendedAction ?? "Fix the file where the message points; codex refuses to start until then."))
            .ToList();
        if (findings.Count == 0)
        {
            findings.AddRange(BuildRefusals(context).Select(i => Finding(BuildFailed, i, i.RecommendedAction ?? "Fix the file where the message points; codex refuses to start until then.")));
        }

        return findings;
    }

    /// <summary>What Codex refuses after the types are read, when it builds the session's settings (each pinned against the binary).</summary>
    private static IEnumerable<CodexIssue> BuildRefusals(AuditContext context)
    {
        ConfigStack stack = context.Stack;
        var selection = context.Permissions.DefaultSelection();
        bool hasProfiles = stack.Effective.Table("permissions") is { Count: > 0 };
        string userConfig = stack.Environment.UserConfigPath;
        if (!selection.Legacy && !PermissionResolver.BuiltIns.Contains(selection.Name) && !hasProfiles)
        {
            yield return new CodexIssue(ErrorIds.PermissionProfileNotFound, IssueKind.NotFound,
                "default_permissions requires a `[permissions]` table", selection.File ?? userConfig, selection.Line, Target: selection.Name,
                RecommendedAction: $"Define [permissions.{selection.Name}] or name a built-in profile ({string.Join(", ", PermissionResolver.BuiltIns)}).");
        }
        else if (selection.File is null && !selection.Legacy && hasProfiles)
        {
            TomlNode table = stack.Effective["permissions"]!;
            yield return new CodexIssue(ErrorIds.PermissionProfileNotFound, IssueKind.NotFound,
                "config defines `[permissions]` profiles but does not set `default_permissions`", table.Location.File, table.Location.Line, Target: "permissions",
                RecommendedAction: "Set default_permissions to the profile Codex should use (or to a built-in such as :workspace).");
        }
        else if (!selection.Legacy && context.Permissions.ResolveDefault().Error is { } refused && DefaultProfileRefusals.Contains(refused.ErrorId))
        {
            // An undefined default is the selecting line's fault, not the profile table's.
            yield return refused.ErrorId == ErrorIds.PermissionProfileNotFound && selection.File is not null
                ? refused with { File = selection.File, Line = selection.Line, Column = null }
                : refused;
        }

        if (stack.Get("agents.max_threads") is TomlValueNode { Value: 0L } threads)
        {
            yield return new CodexIssue(ErrorIds.ConfigValueInvalid, IssueKind.InvalidData,
                "agents.max_concurrent_threads_per_session must be at least 1", threads.Location.File, threads.Location.Line, threads.Location.Column, "agents.max_threads",
                "Set agents.max_threads to 1 or more, or remove it for no limit.");
        }
    }

    private static CodexFinding Finding(string codexWords, CodexIssue issue, string remediation) =>
        new(AuditRuleIds.ConfigNotLoadable, FindingSeverity.Error,
            $"Codex cannot start with this configuration: {codexWords}: {issue}",
            issue.File ?? issue.Target ?? "config", issue.File, issue.Line, remediation);
}
