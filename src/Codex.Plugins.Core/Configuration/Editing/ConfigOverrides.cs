using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Configuration.Editing;

/// <summary>
/// Which higher configuration layers set a key that is being changed in a lower one. The change is still made where
/// asked (the admin may be preparing for the day the higher layer goes), but Codex will not use it while the higher
/// layer wins, and the warning says where that layer sets it.
/// </summary>
public static class ConfigOverrides
{
    public static IReadOnlyList<CodexIssue> Find(ConfigStack stack, string targetPath, IEnumerable<IReadOnlyList<string>> keys)
    {
        string full = Path.GetFullPath(targetPath);
        ConfigLayer? target = stack.Layers.FirstOrDefault(l => string.Equals(l.Path, full, StringComparison.Ordinal));
        if (target is null)
        {
            // A file outside the stack (-ConfigPath elsewhere): nothing is known to win over it.
            return Array.Empty<CodexIssue>();
        }

        var higher = stack.Layers.Where(l => l.Applied && l.Precedence > target.Precedence && l.Root is not null)
            .OrderByDescending(l => l.Precedence).ToList();
        var issues = new List<CodexIssue>();
        foreach (IReadOnlyList<string> key in keys)
        {
            foreach (ConfigLayer layer in higher)
            {
                if (ConfigStack.Get(layer.Root!, key) is { } node)
                {
                    string dotted = TomlEditValue.JoinKey(key);
                    issues.Add(new CodexIssue(ErrorIds.ConfigKeyOverridden, IssueKind.Warning,
                        $"{dotted} was changed in {full}, but the {layer.Kind.ToString().ToLowerInvariant()} layer sets it too and wins: {node.Location.File}:{node.Location.Line}. Codex will not use the new value while that layer sets it.",
                        node.Location.File, node.Location.Line, node.Location.Column, dotted,
                        $"Change it in {node.Location.File} instead, or remove it there."));
                    break;
                }
            }
        }

        return issues;
    }
}
