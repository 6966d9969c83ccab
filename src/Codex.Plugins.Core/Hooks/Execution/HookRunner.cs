using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>
/// Runs the hooks of one event the way Codex 0.169.0 does: it selects them (event, matcher, enabled, trusted), runs the
/// matching command handlers concurrently, each with its own timeout, and combines their results: any deny or block
/// wins, continue:false wins over a block for Stop, and when several hooks rewrite a tool's input the last one to finish
/// wins.
/// </summary>
public static class HookRunner
{
    private const int DisplayLimit = 64 * 1024;

    public static IReadOnlyList<SelectedHook> Select(HookInventory inventory, HookEvent hookEvent, JsonObject payload, bool includeUntrusted, ICollection<string>? keys = null)
    {
        IReadOnlyList<string> names = HookPayloadBuilder.MatcherInputs(hookEvent, payload);
        var selected = new List<SelectedHook>();
        foreach (CodexHook hook in inventory.Hooks)
        {
            if (hook.Event != hookEvent.Name || (keys is { Count: > 0 } && !keys.Contains(hook.Key)) || !HookMatcher.Matches(hook.Matcher, names))
            {
                continue;
            }

            string? skip = inventory.FeatureDisabled ? "hooks are switched off ([features] hooks = false)"
                : !hook.Enabled ? $"disabled ([hooks.state.\"{hook.Key}\"] enabled = false)"
                : hook.HandlerType != "command" ? $"{hook.HandlerType} handlers call an MCP tool; only command handlers can be run here"
                : !includeUntrusted && !HookTrust.IsTrusted(hook.TrustStatus) ? $"{hook.TrustStatus}: Codex skips it until it is approved (run with -IncludeUntrusted to test it anyway)"
                : null;
            selected.Add(new SelectedHook(hook, skip));
        }

        return selected;
    }

    public static async Task<CodexHookOutcome> RunAsync(HookEvent hookEvent, JsonObject payload, IReadOnlyList<SelectedHook> hooks, string cwd, bool includeSecret, CancellationToken cancel = default, HookRunOptions? options = null)
    {
        options ??= new HookRunOptions();
        var budget = new HookOutputBudget(options.OutputBudgetBytes);
        string json = options.PayloadJson ?? HookPayloadBuilder.Serialize(payload);
        byte[] stdin = Encoding.UTF8.GetBytes(json);
        int finished = 0;
        var order = new ConcurrentDictionary<int, int>();
        (SelectedHook, HookProcessResult?, HookInterpretation?) RunOne(SelectedHook h, int index)
        {
            if (h.SkipReason is not null)
            {
                return (h, null, null);
            }

            HookProcessResult run = HookProcessRunner.Run((h.Hook.RunCommand ?? h.Hook.Command)!, cwd, HookEnvironment.For(h.Hook.Environment, options.Environment), stdin,
                TimeSpan.FromSeconds(h.Hook.TimeoutSec), cancel, budget, options.MaxProcesses, options.Log?.Open(h.Hook.Key));
            order[index] = Interlocked.Increment(ref finished);
            return (h, run, HookOutputInterpreter.Interpret(hookEvent, run));
        }

        // Matching handlers run at the same time, as in Codex; a single one runs on this thread.
        int runnable = hooks.Count(h => h.SkipReason is null);
        var done = runnable <= 1
            ? hooks.Select(RunOne).ToArray()
            : await Task.WhenAll(hooks.Select((h, i) => Task.Factory.StartNew(() => RunOne(h, i), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))).ConfigureAwait(false);

        string Mask(string s) => includeSecret ? s : HookOutputMask.Apply(s);
        var results = new List<CodexHookResult>();
        for (int i = 0; i < done.Length; i++)
        {
            var (h, run, meaning) = done[i];
            CodexHook hook = h.Hook;
            if (run is null || meaning is null)
            {
                results.Add(new CodexHookResult
                {
                    Event = hookEvent.Name, HookKey = hook.Key, Status = "Skipped", Error = h.SkipReason, Command = hook.Command, Matcher = hook.Matcher,
                    Source = hook.Source, PluginId = hook.PluginId, TrustStatus = hook.TrustStatus, Async = hook.Async,
                });
                continue;
            }

            bool truncated = run.Stdout.Length > DisplayLimit || run.Stderr.Length > DisplayLimit || run.StdoutCut || run.StderrCut;
            results.Add(new CodexHookResult
            {
                Event = hookEvent.Name,
                HookKey = hook.Key,
                Status = meaning.Status,
                Decision = meaning.Decision,
                Reason = meaning.Reason is null ? null : Mask(meaning.Reason),
                UpdatedInput = meaning.UpdatedInput?.ToJsonString(),
                AdditionalContext = meaning.AdditionalContext is null ? null : Mask(meaning.AdditionalContext),
                SystemMessage = meaning.SystemMessage is null ? null : Mask(meaning.SystemMessage),
                Error = meaning.Error is null ? null : Mask(meaning.Error),
                ExitCode = run.ExitCode,
                Duration = run.Duration,
                Stdout = Mask(Cut(run.Stdout)),
                Stderr = Mask(Cut(run.Stderr)),
                StdoutBytes = run.StdoutBytes,
                StderrBytes = run.StderrBytes,
                OutputTruncated = truncated,
                Command = hook.Command,
                Matcher = hook.Matcher,
                Source = hook.Source,
                PluginId = hook.PluginId,
                TrustStatus = hook.TrustStatus,
                Async = hook.Async && hookEvent.Name != "SessionEnd",
                FinishOrder = order.TryGetValue(i, out int o) ? o : null,
            });
        }

        return Combine(hookEvent, results, includeSecret ? json : options.MaskedPayloadJson ?? HookOutputMask.Apply(json), hooks.FirstOrDefault()?.Hook);
    }

    /// <summary>Codex's combination of the handlers' results for one event.</summary>
    public static CodexHookOutcome Combine(HookEvent hookEvent, IReadOnlyList<CodexHookResult> results, string payload, CodexHook? any = null)
    {
        // Async handlers run in the background; Codex does not wait for their decisions.
        var counted = results.Where(r => !r.Async && r.Status != "Skipped").ToList();
        var blocked = counted.Where(r => r.Status == "Blocked").ToList();
        var stopped = counted.Where(r => r.Status == "Stopped").ToList();
        string? Join(IEnumerable<string?> parts) => parts.Where(p => !string.IsNullOrEmpty(p)).ToArray() is { Length: > 0 } a ? string.Join("\n\n", a) : null;

        string decision;
        string? reason = null;
        string? updated = null;
        switch (hookEvent.Name)
        {
            case "PreToolUse":
                if (blocked.Count > 0)
                {
                    decision = "Deny";
                    reason = Join(blocked.Select(r => r.Reason));
                }
                else
                {
                    var allowed = counted.Where(r => r.Decision == "Allow").ToList();
                    decision = allowed.Count > 0 ? "Allow" : "Proceed";
                    updated = allowed.Where(r => r.UpdatedInput is not null).OrderBy(r => r.FinishOrder).LastOrDefault()?.UpdatedInput;
                }

                break;
            case "PermissionRequest":
                decision = blocked.Count > 0 ? "Deny" : counted.Any(r => r.Decision == "Allow") ? "Allow" : "Ask";
                reason = Join(blocked.Select(r => r.Reason));
                break;
            case "PostToolUse" or "UserPromptSubmit" or "Stop" or "SubagentStop":
                decision = stopped.Count > 0 ? "Stop" : blocked.Count > 0 ? "Block" : "Proceed";
                reason = stopped.Count > 0 ? Join(stopped.Select(r => r.Reason)) : Join(blocked.Select(r => r.Reason));
                break;
            default:
                decision = stopped.Count > 0 ? "Stop" : "Proceed";
                reason = Join(stopped.Select(r => r.Reason));
                break;
        }

        return new CodexHookOutcome
        {
            Event = hookEvent.Name,
            Decision = decision,
            Reason = reason,
            UpdatedInput = updated,
            AdditionalContext = Join(counted.Select(r => r.AdditionalContext)),
            SystemMessages = counted.Select(r => r.SystemMessage).OfType<string>().ToArray(),
            Passed = results.Count(r => r.Status == "Completed"),
            Failed = results.Count(r => r.Status is "Failed" or "TimedOut"),
            Skipped = results.Count(r => r.Status == "Skipped"),
            Blocked = results.Count(r => r.Status is "Blocked" or "Stopped"),
            Payload = payload,
            Results = results.ToArray(),
            CodexHome = any?.CodexHome ?? string.Empty,
            ProjectPath = any?.ProjectPath ?? string.Empty,
        };
    }

    private static string Cut(string s) => s.Length <= DisplayLimit ? s : s[..DisplayLimit];
}
