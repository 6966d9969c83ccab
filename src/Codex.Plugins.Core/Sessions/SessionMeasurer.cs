using Codex.Plugins.Diagnostics;
using Codex.Plugins.Masking;

namespace Codex.Plugins.Sessions;

/// <summary>
/// Shared by every file of one run: which problems were already reported (an unknown item kind is reported once, not
/// once per file), and the machine to name.
/// </summary>
public sealed class SessionReadContext
{
    public SessionReadContext(string? machine = null)
    {
        Machine = string.IsNullOrEmpty(machine) ? Environment.MachineName : machine;
    }

    public string Machine { get; }

    /// <summary>Invalid lines reported one by one per file before the rest are only counted.</summary>
    public int MaxLineIssuesPerFile { get; init; } = 5;

    internal HashSet<string> ReportedUnknownKinds { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Measures one rollout in one streaming pass: tool calls per tool with failures, blocks, MCP durations and
/// timeouts, subagents, turns, aborts, tokens. A bad line is counted and reported, and the rest of the file is still
/// measured.
/// </summary>
public static class SessionMeasurer
{
    private const int MaxBlockReasons = 20;

    private sealed class CallState
    {
        public CodexToolUsage Usage = null!;
        public bool? FailedByItem;
        public bool FailedByOutput;
        public bool Blocked;
        public bool TimedOut;
        public bool Timed;
    }

    /// <summary>The measurement, or null when the file holds nothing to measure (empty, unreadable); issues say why.</summary>
    public static CodexSessionMeasurement? Measure(string path, SessionReadContext context, List<CodexIssue> issues, bool isArchived = false, string? machine = null)
    {
        if (RolloutFileLocator.IsCompressed(path))
        {
            issues.Add(new CodexIssue(ErrorIds.SessionFileCompressed, IssueKind.InvalidData,
                "The rollout is zstd-compressed (.jsonl.zst), which this module does not read.", path, Target: path,
                RecommendedAction: "Decompress it (zstd -d) beside the original and measure the .jsonl."));
            return null;
        }

        try
        {
            using FileStream stream = RolloutLineReader.Open(path);
            if (stream.Length == 0)
            {
                issues.Add(new CodexIssue(ErrorIds.SessionFileEmpty, IssueKind.InvalidData, "The rollout file is empty: the session wrote nothing.", path, Target: path,
                    RecommendedAction: "Nothing to measure; a session that never started leaves such a file. Remove it once no codex is running."));
                return null;
            }

            return Measure(stream, path, stream.Length, context, issues, isArchived, machine);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            issues.Add(new CodexIssue(ErrorIds.SessionFileUnreadable, IssueKind.ReadError, $"The rollout could not be read: {ex.Message}", path, Target: path,
                RecommendedAction: "Check the file's permissions."));
            return null;
        }
    }

    public static CodexSessionMeasurement? Measure(Stream stream, string path, long size, SessionReadContext context, List<CodexIssue> issues, bool isArchived = false, string? machine = null)
    {
        var record = new RolloutRecord();
        var tools = new Dictionary<string, CodexToolUsage>(StringComparer.Ordinal);
        var calls = new Dictionary<string, CallState>(StringComparer.Ordinal);
        var spawnedIds = new HashSet<string>(StringComparer.Ordinal);
        var meta = new SessionMetaBuilder();
        var blockReasons = new List<string>();
        byte[] lastTimestamp = new byte[64];
        int lastTimestampLength = 0;
        DateTimeOffset? firstTimestamp = null;
        CodexTokenUsage? lastTotal = null;
        var recordSum = new CodexTokenUsage();
        bool anyRecord = false;
        int taskStarted = 0, contexts = 0, completed = 0, aborts = 0, spawnedByItems = 0, openAgents = 0, peakOpen = 0;
        long lines = 0, invalid = 0, unknown = 0, toolCalls = 0, hookBlocks = 0;
        bool complete = true;
        int lineIssues = 0;
        var localUnknown = new Dictionary<string, long>(StringComparer.Ordinal);

        CallState Call(string? callId, string name)
        {
            if (!tools.TryGetValue(name, out CodexToolUsage? usage))
            {
                usage = new CodexToolUsage { Tool = name, McpServer = McpServerOf(name) };
                tools[name] = usage;
            }

            var state = new CallState { Usage = usage };
            if (callId is not null)
            {
                calls[callId] = state;
            }

            return state;
        }

        CallState? Known(string? callId) => callId is not null && calls.TryGetValue(callId, out CallState? s) ? s : null;

        bool OnLine(ReadOnlySpan<byte> line, long number, bool terminated)
        {
            Take(line, number, terminated);
            return true;
        }

        void Take(ReadOnlySpan<byte> line, long number, bool terminated)
        {
            lines++;
            if (line.IsEmpty || line.Trim((byte)' ').IsEmpty)
            {
                if (line.IsEmpty && !terminated)
                {
                    // Only an over-long line arrives empty and unterminated.
                    invalid++;
                    Report(ErrorIds.SessionLineInvalid, $"Line {number} is longer than {RolloutLineReader.MaxLineBytes / (1 << 20)} MB; it was skipped.", number);
                }

                return;
            }

            if (!record.TryRead(line))
            {
                invalid++;
                if (!terminated)
                {
                    complete = false;
                    issues.Add(new CodexIssue(ErrorIds.SessionLineTruncated, IssueKind.InvalidData,
                        $"The last line ({number}) is cut off: the session was still being written, or the copy was taken mid-write. The lines before it are measured.",
                        path, (int)Math.Min(number, int.MaxValue), Target: path,
                        RecommendedAction: "Measure again once the session has ended."));
                }
                else
                {
                    Report(ErrorIds.SessionLineInvalid, $"Line {number} is not a JSON object; it was skipped.", number);
                }

                return;
            }

            if (record.HasTimestamp)
            {
                ReadOnlySpan<byte> ts = record.TimestampUtf8;
                firstTimestamp ??= record.ParseTimestamp();
                ts.CopyTo(lastTimestamp);
                lastTimestampLength = ts.Length;
            }

            switch (record.Kind)
            {
                case RolloutItemKind.SessionMeta:
                case RolloutItemKind.LegacyMeta:
                    meta.TakeMeta(record);
                    break;
                case RolloutItemKind.TurnContext:
                    contexts++;
                    meta.TakeTurnContext(record);
                    break;
                case RolloutItemKind.ResponseItem:
                case RolloutItemKind.LegacyResponseItem:
                    OnResponseItem();
                    break;
                case RolloutItemKind.EventMsg:
                    OnEvent();
                    break;
                case RolloutItemKind.TokenUsageRecord:
                    if (record.Tokens is not null)
                    {
                        recordSum.Add(record.Tokens);
                        anyRecord = true;
                    }

                    break;
                case RolloutItemKind.Unknown:
                    unknown++;
                    string kind = record.KindText ?? "(no type)";
                    localUnknown[kind] = localUnknown.TryGetValue(kind, out long seen) ? seen + 1 : 1;
                    if (localUnknown[kind] == 1 && context.ReportedUnknownKinds.Add(kind))
                    {
                        issues.Add(new CodexIssue(ErrorIds.SessionItemUnknown, IssueKind.InvalidData,
                            $"Line {number} is a rollout item of a kind this module does not know ('{SecretText.Mask(kind)}'); such lines are counted (UnknownItems) and skipped. Reported once per run.",
                            path, (int)Math.Min(number, int.MaxValue), Target: kind,
                            RecommendedAction: "A newer Codex may write it; the other metrics are unaffected."));
                    }

                    break;
            }
        }

        void Report(string id, string message, long number)
        {
            lineIssues++;
            if (lineIssues <= context.MaxLineIssuesPerFile)
            {
                issues.Add(new CodexIssue(id, IssueKind.InvalidData, message, path, (int)Math.Min(number, int.MaxValue), Target: path,
                    RecommendedAction: "The other lines are measured; InvalidLines counts every skipped line."));
            }
        }

        void OnResponseItem()
        {
            switch (record.PayloadType)
            {
                case "function_call":
                case "custom_tool_call":
                {
                    string name = ToolName(record.Name, record.Namespace);
                    CallState call = Call(record.CallId, name);
                    call.Usage.Calls++;
                    toolCalls++;

                    // Codex counts a subagent against max_threads from its spawn until close_agent, finished or not.
                    if (name == "close_agent" && openAgents > 0)
                    {
                        openAgents--;
                    }

                    break;
                }

                case "local_shell_call":
                    Call(record.CallId, "local_shell").Usage.Calls++;
                    toolCalls++;
                    break;
                case "web_search_call":
                    Call(record.CallId ?? record.Id, "web_search").Usage.Calls++;
                    toolCalls++;
                    break;
                case "function_call_output":
                case "custom_tool_call_output":
                {
                    CallState? call = Known(record.CallId);
                    if (call is null)
                    {
                        break;
                    }

                    if (record.OutputBlockedByHook)
                    {
                        call.Blocked = true;
                        hookBlocks++;
                        if (blockReasons.Count < MaxBlockReasons && record.OutputBlockReason is { } reason)
                        {
                            blockReasons.Add(SecretText.Mask(reason));
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

                    if (record.OutputAgentId is { } agent && call.Usage.Tool == "spawn_agent" && spawnedIds.Add(agent))
                    {
                        openAgents++;
                        peakOpen = Math.Max(peakOpen, openAgents);
                    }

                    break;
                }
            }
        }

        void OnEvent()
        {
            switch (record.PayloadType)
            {
                case "task_started":
                    taskStarted++;
                    break;
                case "task_complete":
                    completed++;
                    break;
                case "turn_aborted":
                    aborts++;
                    break;
                case "token_count":
                    if (record.Tokens is not null)
                    {
                        lastTotal = record.Tokens;
                    }

                    break;
                case "item_completed":
                    OnItemCompleted();
                    break;
                case "mcp_tool_call_end":
                {
                    CallState call = Known(record.CallId) ?? CountedCall(record.CallId, "mcp__" + record.Server + "__" + record.Tool);
                    Settle(call, record.ResultIsError || record.ErrorText is not null, record.ErrorText);
                    break;
                }

                case "exec_command_end":
                {
                    CallState? call = Known(record.CallId);
                    if (call is not null)
                    {
                        Settle(call, record.ExitCode is int c && c != 0, null);
                    }

                    break;
                }
            }
        }

        CallState CountedCall(string? callId, string name)
        {
            CallState call = Call(callId, name);
            call.Usage.Calls++;
            toolCalls++;
            return call;
        }

        void OnItemCompleted()
        {
            switch (record.ItemType)
            {
                case "CommandExecution":
                {
                    CallState? call = Known(record.ItemId);
                    if (call is not null)
                    {
                        Settle(call, record.Status is "failed" or "declined" || (record.ExitCode is int c && c != 0), null);
                    }

                    break;
                }

                case "McpToolCall":
                {
                    CallState call = Known(record.ItemId) ?? CountedCall(record.ItemId, "mcp__" + record.Server + "__" + record.Tool);
                    Settle(call, record.Status is "failed" || record.ResultIsError || record.ErrorText is not null, record.ErrorText);
                    break;
                }

                case "CollabAgentToolCall":
                {
                    if (record.Tool == "spawn_agent")
                    {
                        spawnedByItems += record.ReceiverCount;
                    }

                    CallState? call = Known(record.ItemId);
                    if (call is not null)
                    {
                        Settle(call, record.Status is "failed", null);
                    }

                    break;
                }
            }
        }

        void Settle(CallState call, bool failed, string? error)
        {
            call.FailedByItem = (call.FailedByItem ?? false) || failed;
            if (error is not null && error.Contains("timed out", StringComparison.OrdinalIgnoreCase))
            {
                call.TimedOut = true;
            }

            if (record.Duration is TimeSpan d && !call.Timed)
            {
                call.Timed = true;
                call.Usage.Duration += d;
                call.Usage.TimedCalls++;
            }
        }

        RolloutLineReader.ReadLines(stream, OnLine);

        if (!meta.HasMeta && lines > 0)
        {
            issues.Add(new CodexIssue(ErrorIds.SessionMetaMissing, IssueKind.InvalidData,
                "The rollout has no session_meta line: its id comes from the file name, and its start, cwd and version are unknown.",
                path, Target: path, RecommendedAction: "The file may have been cut at its start; the other lines are measured."));
        }

        CodexSession session = meta.Build(path, size, isArchived, string.IsNullOrEmpty(machine) ? context.Machine : machine, firstTimestamp);
        var measurement = new CodexSessionMeasurement
        {
            Session = session,
            End = RolloutRecord.ParseTimestamp(lastTimestamp.AsSpan(0, lastTimestampLength))?.UtcDateTime,
            Turns = taskStarted > 0 ? taskStarted : contexts,
            CompletedTurns = completed,
            Aborts = aborts,
            ToolCalls = toolCalls,
            HookBlocks = hookBlocks,
            Tokens = lastTotal ?? (anyRecord ? recordSum : new CodexTokenUsage()),
            Lines = lines,
            InvalidLines = invalid,
            UnknownItems = unknown,
            IsComplete = complete,
        };
        measurement.BlockReasons.AddRange(blockReasons);

        foreach (CallState call in calls.Values)
        {
            Finish(call);
        }

        foreach (CodexToolUsage usage in tools.Values.OrderByDescending(t => t.Calls).ThenBy(t => t.Tool, StringComparer.Ordinal))
        {
            usage.Role = session.Role;
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

        measurement.SubagentIds.AddRange(spawnedIds.Order(StringComparer.Ordinal));
        measurement.SubagentsSpawned = Math.Max(spawnedByItems, spawnedIds.Count);
        measurement.PeakOpenSubagents = spawnedIds.Count == 0 ? spawnedByItems : peakOpen;
        foreach (string metric in RolloutMetrics)
        {
            measurement.Sources[metric] = MetricSources.Rollout;
        }

        foreach (string metric in EvidenceMetrics)
        {
            measurement.Sources[metric] = MetricSources.None;
        }

        return measurement;

        static void Finish(CallState call)
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
    }

    /// <summary>Records the limits this session broke: deeper than agents.max_depth, more open subagents than agents.max_threads.</summary>
    public static void CheckLimits(CodexSessionMeasurement m, SessionLimits limits)
    {
        m.LimitBreaches.Clear();
        if (m.Session.Depth > limits.MaxDepth)
        {
            m.LimitBreaches.Add(new SessionLimitBreach(m.Id, "agents.max_depth", m.Session.Depth, limits.MaxDepth, m.Machine, m.Session.File));
        }

        if (m.PeakOpenSubagents > limits.MaxThreads)
        {
            m.LimitBreaches.Add(new SessionLimitBreach(m.Id, "agents.max_threads", m.PeakOpenSubagents, limits.MaxThreads, m.Machine, m.Session.File));
        }
    }

    /// <summary>Metrics every rollout carries.</summary>
    public static readonly string[] RolloutMetrics =
    {
        "Turns", "CompletedTurns", "Aborts", "ToolCalls", "ToolFailures", "HookBlocks", "McpCalls", "McpFailures", "McpTimeouts",
        "McpDuration", "SubagentsSpawned", "PeakOpenSubagents", "Depth", "Tokens", "Duration",
    };

    /// <summary>Metrics rollouts do not persist: they come from exec event files, hook logs or OTel exports.</summary>
    public static readonly string[] EvidenceMetrics =
    {
        "ApprovalsRequested", "ApprovalsGranted", "ApprovalsDenied", "HookRuns", "HookPassed", "HookFailed", "HookSkipped", "HookBlocked",
    };

    /// <summary>
    /// The name a tool call is counted under: an MCP tool as mcp__server__tool (the name older versions wrote, and the
    /// one newer versions split into namespace + name), other namespaced tools (multi_agent_v1) by their own name.
    /// </summary>
    public static string ToolName(string? name, string? ns)
    {
        name ??= "(unnamed)";
        if (ns is null)
        {
            return name;
        }

        return ns.StartsWith("mcp__", StringComparison.Ordinal) ? ns.TrimEnd('_') + "__" + name : name;
    }

    /// <summary>The server of an mcp__server__tool name, else null.</summary>
    public static string? McpServerOf(string tool)
    {
        if (!tool.StartsWith("mcp__", StringComparison.Ordinal))
        {
            return null;
        }

        int end = tool.IndexOf("__", 5, StringComparison.Ordinal);
        return end > 5 ? tool[5..end] : null;
    }
}
