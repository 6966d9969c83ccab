using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Configuration.Schema;

/// <summary>
/// Every applied configuration layer checked against the types Codex deserializes it into: what serde would refuse,
/// as issues at the value's file and line, in serde's words and with the dotted key Codex names ("in `sandbox_mode`").
/// </summary>
public static class ConfigSchemaCheck
{
    public static IReadOnlyList<CodexIssue> Check(ConfigStack stack) =>
        stack.AppliedLayers
            .Where(l => l.Kind != ConfigLayerKind.Requirements && l.Root is not null)
            .SelectMany(l => Check(l.Root!))
            .ToList();

    public static IEnumerable<CodexIssue> Check(TomlTableNode root) =>
        CodexConfigSchema.Root.Check(root, string.Empty).Select(Issue);

    private static CodexIssue Issue(SchemaProblem problem) =>
        new(ErrorIds.ConfigValueInvalid, IssueKind.InvalidData,
            problem.Path.Length == 0 ? problem.Message : $"{problem.Message} in `{problem.Path}`",
            problem.Node.Location.File, problem.Node.Location.Line, problem.Node.Location.Column, problem.Path.Length == 0 ? null : problem.Path,
            "Give the value the type Codex expects (the message says which); codex refuses to start until then.");
}
