using Codex.Plugins.Configuration;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Hooks;

namespace Codex.Plugins.Masking;

/// <summary>
/// Plans the [hooks] entries of the secret hook in a config file: for each event, the existing inline list with one
/// group appended (<c>hooks.UserPromptSubmit = [{ hooks = [{ type = "command", command = "…", timeout = 30 }] }]</c>),
/// and, when asked, <c>[hooks.state."KEY"] trusted_hash</c> as Codex computes it, so Codex runs it without a review.
/// An entry with the same command is left alone. A list written as <c>[[hooks.Event]]</c> tables is ConfigEditUnsupported.
/// </summary>
public static class SecretHookInstall
{
    public const string StatusMessage = "Checking for secrets";
    public static readonly IReadOnlyList<string> DefaultEvents = new[] { "UserPromptSubmit", "PreToolUse" };

    /// <summary>The command Codex runs: the given PowerShell with the hook script shipped beside the module.</summary>
    public static string Command(IReadOnlyList<string> pwsh, string scriptPath) =>
        string.Join(' ', pwsh.Select(ShellQuote)) + " -NoProfile -NonInteractive -File " + ShellQuote(scriptPath);

    public static IReadOnlyList<SecretHookEntry> Plan(TomlFile? file, string targetPath, IEnumerable<string> events, string command, string? matcher, long timeoutSeconds, bool trust)
    {
        string full = Path.GetFullPath(targetPath);
        var entries = new List<SecretHookEntry>();
        foreach (string name in events)
        {
            HookEvent hookEvent = HookEvent.Find(name) ?? throw new CodexIssueException(new CodexIssue(ErrorIds.HookInputInvalid, IssueKind.InvalidData,
                $"Codex 0.169.0 has no hook event '{name}'.", null, Target: name));
            var groups = new List<object>();
            TomlNode? existing = (file?.Root["hooks"] as TomlTableNode)?[hookEvent.Name];
            if (existing is TomlArrayNode array)
            {
                if (array.IsTableArray)
                {
                    throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigEditUnsupported, IssueKind.InvalidData,
                        $"{full} declares {hookEvent.Name} hooks as [[hooks.{hookEvent.Name}]] tables; the secret hook is added to an inline list only.", full,
                        Target: hookEvent.Name, RecommendedAction: $"Write the [[hooks.{hookEvent.Name}]] entry by hand (the command is: {command}), or use another -Scope."));
                }

                groups.AddRange((object[])array.ToPlainValue()!);
            }
            else if (existing is not null)
            {
                throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigEditUnsupported, IssueKind.InvalidData,
                    $"hooks.{hookEvent.Name} in {full} is not a list.", full, Target: hookEvent.Name));
            }

            int index = groups.FindIndex(g => g is IDictionary<string, object?> group && group.TryGetValue("hooks", out object? handlers)
                && handlers is object[] list && list.OfType<IDictionary<string, object?>>().Any(h => h.TryGetValue("command", out object? c) && c as string == command));
            bool present = index >= 0;
            string? groupMatcher = hookEvent.UsesMatcher ? matcher : null;
            if (!present)
            {
                var handler = new Dictionary<string, object?> { ["type"] = "command", ["command"] = command, ["timeout"] = timeoutSeconds, ["statusMessage"] = StatusMessage };
                var group = new Dictionary<string, object?>();
                if (groupMatcher is not null)
                {
                    group["matcher"] = groupMatcher;
                }

                group["hooks"] = new object[] { handler };
                groups.Add(group);
                index = groups.Count - 1;
            }
            else if (groups[index] is IDictionary<string, object?> found)
            {
                groupMatcher = found.TryGetValue("matcher", out object? m) ? m as string : null;
            }

            string key = $"{full}:{hookEvent.Label}:{index}:0";
            var steps = new List<ConfigEditOperation>();
            if (!present)
            {
                steps.Add(new ConfigEditOperation(ConfigEditKind.Set, new[] { "hooks", hookEvent.Name }, TomlEditValue.Inline(groups.ToArray())));
            }

            if (trust)
            {
                string hash = HookTrustHash.ForCommand(hookEvent.Name, groupMatcher, command, timeoutSeconds, false, StatusMessage, null);
                steps.Add(new ConfigEditOperation(ConfigEditKind.Set, new[] { "hooks", "state", key, "trusted_hash" }, TomlEditValue.String(hash)));
            }

            entries.Add(new SecretHookEntry(hookEvent.Name, key, command, steps, present));
        }

        return entries;
    }

    private static string ShellQuote(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or ':' or '=' or '+')
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
