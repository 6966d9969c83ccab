using System.Text.Json;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Sessions;

/// <summary>
/// What rollouts do not persist (approvals, hook outcomes), from the files that do hold it: `codex exec --json` event
/// files, the JSONL log Invoke-CodexHook -LogPath writes, and OTLP JSON log exports of codex's OTel events. Each is
/// keyed by session (thread) id; a measurement takes the counts of its own session and names the source per metric.
/// </summary>
public sealed class SessionEvidence
{
    private sealed class Counts
    {
        public long ApprovalsRequested, ApprovalsGranted, ApprovalsDenied;
        public bool HasApprovals;
        public string ApprovalSource = MetricSources.None;
        public long HookRuns, HookPassed, HookFailed, HookSkipped, HookBlocked;
        public bool HasHooks;
        public string HookSource = MetricSources.None;
    }

    private readonly Dictionary<string, Counts> bySession = new(StringComparer.Ordinal);

    public int Files { get; private set; }

    public bool IsEmpty => bySession.Count == 0;

    /// <summary>The evidence of every file given, each read as its kind; a file that cannot be read is an issue.</summary>
    public static SessionEvidence Load(IEnumerable<string> execJsonPaths, IEnumerable<string> hookLogPaths, IEnumerable<string> otelLogPaths, List<CodexIssue> issues)
    {
        var evidence = new SessionEvidence();
        foreach (string path in execJsonPaths)
        {
            evidence.AddExecJson(path, issues);
        }

        foreach (string path in hookLogPaths)
        {
            evidence.AddHookLog(path, issues);
        }

        foreach (string path in otelLogPaths)
        {
            evidence.AddOtelLog(path, issues);
        }

        return evidence;
    }

    private Counts For(string session)
    {
        if (!bySession.TryGetValue(session, out Counts? c))
        {
            c = new Counts();
            bySession[session] = c;
        }

        return c;
    }

    /// <summary>
    /// A `codex exec --json` event file: thread.started names the session; command and MCP items whose status is
    /// "declined" are approvals the user (or policy) refused. Codex 0.169/0.171 print no hook items there.
    /// </summary>
    public void AddExecJson(string path, List<CodexIssue> issues)
    {
        string? thread = null;
        ReadJsonLines(path, issues, (root, line) =>
        {
            string? type = Str(root, "type");
            if (type == "thread.started")
            {
                thread = Str(root, "thread_id");
                if (thread is not null)
                {
                    Counts c = For(thread);
                    c.HasApprovals = true;
                    c.ApprovalSource = MetricSources.ExecJson;
                }
            }
            else if (type == "item.completed" && thread is not null && root.TryGetProperty("item", out JsonElement item) && item.ValueKind == JsonValueKind.Object)
            {
                string? itemType = Str(item, "type");
                if (itemType is "command_execution" or "mcp_tool_call" or "file_change" && Str(item, "status") == "declined")
                {
                    Counts c = For(thread);
                    c.ApprovalsRequested++;
                    c.ApprovalsDenied++;
                }
            }
        });
    }

    /// <summary>Invoke-CodexHook -LogPath lines: one run per line, with its counts and the payload's session_id.</summary>
    public void AddHookLog(string path, List<CodexIssue> issues)
    {
        ReadJsonLines(path, issues, (root, line) =>
        {
            string? session = root.TryGetProperty("payload", out JsonElement payload) ? PayloadSession(payload) : null;
            if (session is null || !root.TryGetProperty("counts", out JsonElement counts) || counts.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            Counts c = For(session);
            c.HasHooks = true;
            c.HookSource = MetricSources.HookLog;
            long pass = Num(counts, "pass"), fail = Num(counts, "fail"), skip = Num(counts, "skip"), block = Num(counts, "block");
            c.HookPassed += pass;
            c.HookFailed += fail;
            c.HookSkipped += skip;
            c.HookBlocked += block;
            c.HookRuns += pass + fail + skip + block;
        });
    }

    /// <summary>
    /// An OTLP JSON log export (one ExportLogsServiceRequest per line, as the collector's file exporter writes, or one
    /// document): codex.tool_decision records with conversation.id and decision (approved, approved_for_session,
    /// denied, abort, ...).
    /// </summary>
    public void AddOtelLog(string path, List<CodexIssue> issues)
    {
        ReadJsonLines(path, issues, (root, line) =>
        {
            if (!root.TryGetProperty("resourceLogs", out JsonElement resourceLogs) || resourceLogs.ValueKind != JsonValueKind.Array)
            {
                return;
            }

            foreach (JsonElement resource in resourceLogs.EnumerateArray())
            {
                if (!resource.TryGetProperty("scopeLogs", out JsonElement scopes) || scopes.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (JsonElement scope in scopes.EnumerateArray())
                {
                    if (!scope.TryGetProperty("logRecords", out JsonElement records) || records.ValueKind != JsonValueKind.Array)
                    {
                        continue;
                    }

                    foreach (JsonElement record in records.EnumerateArray())
                    {
                        Dictionary<string, string> attributes = Attributes(record);
                        string? name = attributes.GetValueOrDefault("event.name")
                            ?? (record.TryGetProperty("body", out JsonElement body) && body.ValueKind == JsonValueKind.Object ? Str(body, "stringValue") : null);
                        if (name != "codex.tool_decision" || !attributes.TryGetValue("conversation.id", out string? session))
                        {
                            continue;
                        }

                        Counts c = For(session);
                        c.HasApprovals = true;
                        c.ApprovalSource = MetricSources.Otel;
                        c.ApprovalsRequested++;
                        string decision = attributes.GetValueOrDefault("decision") ?? string.Empty;
                        if (decision.StartsWith("approved", StringComparison.OrdinalIgnoreCase))
                        {
                            c.ApprovalsGranted++;
                        }
                        else if (decision is "denied" or "abort" || decision.StartsWith("denied", StringComparison.OrdinalIgnoreCase))
                        {
                            c.ApprovalsDenied++;
                        }
                    }
                }
            }
        });
    }

    /// <summary>Gives the measurement its session's counts, and says where each came from.</summary>
    public void Apply(CodexSessionMeasurement m)
    {
        if (!bySession.TryGetValue(m.Id, out Counts? c))
        {
            return;
        }

        if (c.HasApprovals)
        {
            m.ApprovalsRequested = c.ApprovalsRequested;
            m.ApprovalsDenied = c.ApprovalsDenied;
            m.Sources["ApprovalsRequested"] = m.Sources["ApprovalsDenied"] = c.ApprovalSource;
            if (c.ApprovalSource == MetricSources.Otel)
            {
                m.ApprovalsGranted = c.ApprovalsGranted;
                m.Sources["ApprovalsGranted"] = c.ApprovalSource;
            }
        }

        if (c.HasHooks)
        {
            m.HookRuns = c.HookRuns;
            m.HookPassed = c.HookPassed;
            m.HookFailed = c.HookFailed;
            m.HookSkipped = c.HookSkipped;
            m.HookBlocked = c.HookBlocked;
            foreach (string metric in new[] { "HookRuns", "HookPassed", "HookFailed", "HookSkipped", "HookBlocked" })
            {
                m.Sources[metric] = c.HookSource;
            }
        }
    }

    private void ReadJsonLines(string path, List<CodexIssue> issues, Action<JsonElement, long> onLine)
    {
        Files++;
        int reported = 0;
        try
        {
            using FileStream stream = RolloutLineReader.Open(path);
            RolloutLineReader.ReadLines(stream, (line, number, terminated) =>
            {
                if (line.Trim((byte)' ').IsEmpty)
                {
                    return true;
                }

                try
                {
                    using JsonDocument doc = JsonDocument.Parse(line.ToArray());
                    if (doc.RootElement.ValueKind == JsonValueKind.Object)
                    {
                        onLine(doc.RootElement, number);
                        return true;
                    }
                }
                catch (JsonException)
                {
                }

                if (reported++ < 5)
                {
                    issues.Add(new CodexIssue(ErrorIds.SessionEvidenceInvalid, IssueKind.InvalidData,
                        terminated ? $"Line {number} is not a JSON object; it was skipped." : $"The last line ({number}) is cut off; it was skipped.",
                        path, (int)Math.Min(number, int.MaxValue), Target: path, RecommendedAction: "The other lines are read."));
                }

                return true;
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            issues.Add(new CodexIssue(ErrorIds.SessionEvidenceInvalid, IssueKind.ReadError, $"The file could not be read: {ex.Message}", path, Target: path,
                RecommendedAction: "Check the path and the file's permissions."));
        }
    }

    // The log keeps the payload as sent to the hook: a JSON text (the exact bytes), or an object.
    private static string? PayloadSession(JsonElement payload)
    {
        if (payload.ValueKind == JsonValueKind.Object)
        {
            return Str(payload, "session_id");
        }

        if (payload.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(payload.GetString()!);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? Str(doc.RootElement, "session_id") : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> Attributes(JsonElement record)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!record.TryGetProperty("attributes", out JsonElement attributes) || attributes.ValueKind != JsonValueKind.Array)
        {
            return map;
        }

        foreach (JsonElement a in attributes.EnumerateArray())
        {
            string? key = Str(a, "key");
            if (key is null || !a.TryGetProperty("value", out JsonElement value) || value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (JsonProperty p in value.EnumerateObject())
            {
                map[key] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                break;
            }
        }

        return map;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long n) ? n : 0;
}
