using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Sessions;

/// <summary>
/// Measures one rollout in one streaming pass: tool calls per tool with failures, blocks, MCP durations and
/// timeouts, subagents, turns, aborts, tokens. A bad line is counted and reported, and the rest of the file is still
/// measured.
/// </summary>
public static class SessionMeasurer
{
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
        var lines = new RolloutLineCheck(path, context, issues);
        var time = new RolloutTimeRange();
        var tally = new SessionTally();
        RolloutLineReader.ReadLines(stream, (line, number, terminated) =>
        {
            if (lines.Read(record, line, number, terminated))
            {
                time.Take(record);
                if (record.Kind == RolloutItemKind.Unknown)
                {
                    lines.CountUnknownKind(record, number);
                }
                else
                {
                    tally.Take(record);
                }
            }

            return true;
        });

        lines.CheckMeta(tally.Meta.HasMeta);
        CodexSession session = tally.Meta.Build(path, size, isArchived, string.IsNullOrEmpty(machine) ? context.Machine : machine, time.First);
        var measurement = new CodexSessionMeasurement
        {
            Session = session,
            End = time.End,
            Turns = tally.Turns,
            CompletedTurns = tally.CompletedTurns,
            Aborts = tally.Aborts,
            ToolCalls = tally.Tools.ToolCalls,
            HookBlocks = tally.Tools.HookBlocks,
            Tokens = tally.Tokens,
            Lines = lines.Lines,
            InvalidLines = lines.InvalidLines,
            UnknownItems = lines.UnknownItems,
            IsComplete = lines.IsComplete,
        };
        measurement.BlockReasons.AddRange(tally.Tools.BlockReasons);
        tally.Tools.AddTo(measurement, session.Role);
        tally.Subagents.AddTo(measurement);
        MarkSources(measurement);
        return measurement;
    }

    /// <summary>Names where each metric came from: the rollout, or nowhere yet (evidence files may add it).</summary>
    private static void MarkSources(CodexSessionMeasurement measurement)
    {
        foreach (string metric in RolloutMetrics)
        {
            measurement.Sources[metric] = MetricSources.Rollout;
        }

        foreach (string metric in EvidenceMetrics)
        {
            measurement.Sources[metric] = MetricSources.None;
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
