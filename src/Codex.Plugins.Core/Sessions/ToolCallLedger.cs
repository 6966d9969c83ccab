using Codex.Plugins.Masking;

namespace Codex.Plugins.Sessions;

/// <summary>
/// The tool calls of one rollout, per tool: each call from its start to what settled it (its output, a completed item
/// or an *_end event), and whether it failed, was blocked by a hook, or timed out. A call is counted once, however
/// many of those lines name it.
/// </summary>
internal sealed class ToolCallLedger
{
    private const int MaxBlockReasons = 20;

    private readonly Dictionary<string, CodexToolUsage> tools = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CallState> calls = new(StringComparer.Ordinal);

    public long ToolCalls { get; private set; }

    public long HookBlocks { get; private set; }

    /// <summary>Why hooks blocked calls, masked: the first 20.</summary>
    public List<string> BlockReasons { get; } = new();

    /// <summary>A call of <paramref name="name"/> starts (function_call, local_shell_call, ...).</summary>
    public void Called(string? callId, string name) => Count(callId, name);

    /// <summary>
    /// A call's output (function_call_output): a hook block, a non-zero exit code, a timeout of an MCP tool. Returns the
    /// tool of the call, or null when no call of this id started.
    /// </summary>
    public string? Output(RolloutRecord record)
    {
        CallState? call = Known(record.CallId);
        if (call is null)
        {
            return null;
        }

        if (record.OutputBlockedByHook)
        {
            call.Blocked = true;
            HookBlocks++;
            if (BlockReasons.Count < MaxBlockReasons && record.OutputBlockReason is { } reason)
            {
                BlockReasons.Add(SecretText.Mask(reason));
            }
        }
        else if (record.OutputExitCode is int code && code != 0)
        {
            call.FailedByOutput = true;
        }

        if (record.OutputMentionsTimeout && call.Usage.McpServer is not null)
        {
            call.TimedOut = true;
        }

        return call.Usage.Tool;
    }

    /// <summary>A call that started settles (a completed item, exec_command_end); one that did not is ignored.</summary>
    public void Settle(string? callId, bool failed, string? error, TimeSpan? duration)
    {
        if (Known(callId) is { } call)
        {
            Settle(call, failed, error, duration);
        }
    }

    /// <summary>An MCP call settles; one whose start the rollout does not hold is counted here.</summary>
    public void SettleMcp(string? callId, string? server, string? tool, bool failed, string? error, TimeSpan? duration) =>
        Settle(Known(callId) ?? Count(callId, "mcp__" + server + "__" + tool), failed, error, duration);

    /// <summary>Every tool's usage, most called first, with the totals (failures, MCP calls, failures, timeouts, time).</summary>
    public void AddTo(CodexSessionMeasurement measurement, string role)
    {
        foreach (CallState call in calls.Values)
        {
            Finish(call);
        }

        foreach (CodexToolUsage usage in tools.Values.OrderByDescending(t => t.Calls).ThenBy(t => t.Tool, StringComparer.Ordinal))
        {
            usage.Role = role;
            measurement.Tools.Add(usage);
            measurement.ToolFailures += usage.Failures;
            if (usage.McpServer is not null)
            {
                measurement.McpCalls += usage.Calls;
                measurement.McpFailures += usage.Failures;
                measurement.McpTimeouts += usage.TimedOut;
                measurement.McpDuration += usage.Duration;
            }
        }
    }

    private CallState Count(string? callId, string name)
    {
        if (!tools.TryGetValue(name, out CodexToolUsage? usage))
        {
            usage = new CodexToolUsage { Tool = name, McpServer = SessionMeasurer.McpServerOf(name) };
            tools[name] = usage;
        }

        var state = new CallState { Usage = usage };
        if (callId is not null)
        {
            calls[callId] = state;
        }

        usage.Calls++;
        ToolCalls++;
        return state;
    }

    private CallState? Known(string? callId) => callId is not null && calls.TryGetValue(callId, out CallState? s) ? s : null;

    private static void Settle(CallState call, bool failed, string? error, TimeSpan? duration)
    {
        call.FailedByItem = (call.FailedByItem ?? false) || failed;
        if (error is not null && error.Contains("timed out", StringComparison.OrdinalIgnoreCase))
        {
            call.TimedOut = true;
        }

        if (duration is TimeSpan d && !call.Timed)
        {
            call.Timed = true;
            call.Usage.Duration += d;
            call.Usage.TimedCalls++;
        }
    }

    // A blocked call is a block, not a failure; a completed item's verdict wins over the output's exit code.
    private static void Finish(CallState call)
    {
        if (call.Blocked)
        {
            call.Usage.Blocked++;
            return;
        }

        if (call.FailedByItem ?? call.FailedByOutput)
        {
            call.Usage.Failures++;
        }

        if (call.TimedOut)
        {
            call.Usage.TimedOut++;
        }
    }

    private sealed class CallState
    {
        public CodexToolUsage Usage = null!;
        public bool? FailedByItem;
        public bool FailedByOutput;
        public bool Blocked;
        public bool TimedOut;
        public bool Timed;
    }
}
