using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using static Codex.Plugins.Sessions.RolloutJson;

namespace Codex.Plugins.Sessions;

/// <summary>
/// What the measurements need from one rollout line, read in one pass of a Utf8JsonReader without building a
/// document: the envelope (timestamp, type) and a fixed set of payload fields, whatever their order. One instance is
/// reused for every line of a file; strings are only made for the fields a metric uses.
/// </summary>
public sealed class RolloutRecord
{
    private readonly byte[] timestamp = new byte[64];
    private int timestampLength;

    public RolloutItemKind Kind { get; private set; }

    /// <summary>The envelope's type word as written, for reporting an unknown one.</summary>
    public string? KindText { get; private set; }

    /// <summary>payload.type (response items and events).</summary>
    public string? PayloadType { get; private set; }

    public bool HasTimestamp => timestampLength > 0;

    public ReadOnlySpan<byte> TimestampUtf8 => timestamp.AsSpan(0, timestampLength);

    // Tool calls and their outputs
    public string? Name { get; private set; }
    public string? Namespace { get; private set; }
    public string? CallId { get; private set; }
    public bool OutputBlockedByHook { get; private set; }
    public string? OutputBlockReason { get; private set; }
    public int? OutputExitCode { get; private set; }
    public bool OutputMentionsTimeout { get; private set; }
    public string? OutputAgentId { get; private set; }

    // Completed items (event_msg item_completed) and *_end events
    public string? ItemType { get; private set; }
    public string? ItemId { get; private set; }
    public string? Status { get; private set; }
    public int? ExitCode { get; private set; }
    public TimeSpan? Duration { get; private set; }
    public string? Server { get; private set; }
    public string? Tool { get; private set; }
    public bool ResultIsError { get; private set; }
    public string? ErrorText { get; private set; }
    public int ReceiverCount { get; private set; }
    public string? Reason { get; private set; }

    // Tokens (token_count.info.total_token_usage, token_usage_record.usage)
    public CodexTokenUsage? Tokens { get; private set; }

    // session_meta and turn_context
    public string? Id { get; private set; }
    public string? SessionId { get; private set; }
    public string? MetaTimestamp { get; private set; }
    public string? Cwd { get; private set; }
    public string? Originator { get; private set; }
    public string? CliVersion { get; private set; }
    public string? Source { get; private set; }
    public string? ModelProvider { get; private set; }
    public string? Model { get; private set; }
    public string? ParentThreadId { get; private set; }
    public int? Depth { get; private set; }
    public string? AgentRole { get; private set; }
    public string? AgentNickname { get; private set; }

    private bool hasPayload;
    private bool hasRecordType;

    /// <summary>Reads one line. False when it is not JSON (or not an object); the record is then undefined.</summary>
    public bool TryRead(ReadOnlySpan<byte> line)
    {
        Clear();
        if (line.IsEmpty)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            string? envelopeType = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("timestamp"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan.Length <= timestamp.Length)
                    {
                        reader.ValueSpan.CopyTo(timestamp);
                        timestampLength = reader.ValueSpan.Length;
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    envelopeType = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("payload"u8))
                {
                    hasPayload = true;
                    if (EnterObject(ref reader))
                    {
                        ReadFields(ref reader, payloadLevel: true);
                    }
                }
                else if (reader.ValueTextEquals("record_type"u8))
                {
                    hasRecordType = true;
                    SkipValue(ref reader);
                }
                else
                {
                    // Before the envelope, items were written bare: their fields sit at the top.
                    ReadField(ref reader, payloadLevel: false);
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                return false;
            }

            Classify(envelopeType);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The line's timestamp, parsed; null when it has none or it is not a date.</summary>
    public DateTimeOffset? ParseTimestamp() => ParseTimestamp(TimestampUtf8);

    public static DateTimeOffset? ParseTimestamp(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return null;
        }

        Span<char> chars = stackalloc char[utf8.Length];
        int n = Encoding.UTF8.GetChars(utf8, chars);
        return DateTimeOffset.TryParse(chars[..n], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out DateTimeOffset t) ? t : null;
    }

    private void Classify(string? envelopeType)
    {
        KindText = envelopeType;
        if (hasPayload)
        {
            Kind = envelopeType switch
            {
                "session_meta" => RolloutItemKind.SessionMeta,
                "turn_context" => RolloutItemKind.TurnContext,
                "response_item" => RolloutItemKind.ResponseItem,
                "event_msg" => RolloutItemKind.EventMsg,
                "compacted" => RolloutItemKind.Compacted,
                "token_usage_record" => RolloutItemKind.TokenUsageRecord,
                "world_state" => RolloutItemKind.WorldState,
                "inter_agent_communication" or "inter_agent_communication_metadata" => RolloutItemKind.InterAgent,
                _ => RolloutItemKind.Unknown,
            };
            return;
        }

        if (hasRecordType)
        {
            Kind = RolloutItemKind.LegacyState;
        }
        else if (envelopeType is not null)
        {
            // A bare response item: its type is the item's own.
            PayloadType = envelopeType;
            Kind = envelopeType is "message" or "reasoning" or "function_call" or "function_call_output" or "custom_tool_call"
                or "custom_tool_call_output" or "local_shell_call" or "web_search_call"
                ? RolloutItemKind.LegacyResponseItem
                : RolloutItemKind.Unknown;
        }
        else if (Id is not null && (MetaTimestamp is not null || timestampLength > 0))
        {
            Kind = RolloutItemKind.LegacyMeta;
            MetaTimestamp ??= Encoding.UTF8.GetString(TimestampUtf8);
        }
    }

    private void Clear()
    {
        Kind = RolloutItemKind.Unknown;
        KindText = PayloadType = Name = Namespace = CallId = OutputBlockReason = OutputAgentId = null;
        ItemType = ItemId = Status = Server = Tool = ErrorText = Reason = null;
        Id = SessionId = MetaTimestamp = Cwd = Originator = CliVersion = Source = ModelProvider = Model = null;
        ParentThreadId = AgentRole = AgentNickname = null;
        OutputBlockedByHook = OutputMentionsTimeout = ResultIsError = false;
        OutputExitCode = ExitCode = Depth = null;
        Duration = null;
        Tokens = null;
        ReceiverCount = 0;
        timestampLength = 0;
        hasPayload = hasRecordType = false;
    }

    // The payload's fields (or a bare item's), in any order.
    private void ReadFields(ref Utf8JsonReader reader, bool payloadLevel)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (payloadLevel && reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                PayloadType = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (payloadLevel && reader.ValueTextEquals("timestamp"u8))
            {
                MetaTimestamp = ReadString(ref reader);
            }
            else
            {
                ReadField(ref reader, payloadLevel);
            }
        }
    }

    private void ReadField(ref Utf8JsonReader reader, bool payloadLevel)
    {
        if (reader.ValueTextEquals("name"u8)) { Name = ReadString(ref reader); }
        else if (reader.ValueTextEquals("namespace"u8)) { Namespace = ReadString(ref reader); }
        else if (reader.ValueTextEquals("call_id"u8)) { CallId = ReadString(ref reader); }
        else if (reader.ValueTextEquals("output"u8)) { ReadOutput(ref reader); }
        else if (reader.ValueTextEquals("item"u8)) { ReadItem(ref reader); }
        else if (reader.ValueTextEquals("info"u8)) { ReadInfo(ref reader); }
        else if (reader.ValueTextEquals("usage"u8)) { reader.Read(); Tokens = ReadTokens(ref reader); }
        else if (reader.ValueTextEquals("invocation"u8)) { ReadInvocation(ref reader); }
        else if (reader.ValueTextEquals("duration"u8)) { reader.Read(); Duration = ReadDuration(ref reader); }
        else if (reader.ValueTextEquals("result"u8)) { ReadResult(ref reader); }
        else if (reader.ValueTextEquals("exit_code"u8)) { ExitCode = ReadInt(ref reader); }
        else if (reader.ValueTextEquals("reason"u8)) { Reason = ReadString(ref reader); }
        else if (reader.ValueTextEquals("id"u8)) { Id = ReadString(ref reader); }
        else if (reader.ValueTextEquals("session_id"u8)) { SessionId = ReadString(ref reader); }
        else if (reader.ValueTextEquals("timestamp"u8) && !payloadLevel) { MetaTimestamp = ReadString(ref reader); }
        else if (reader.ValueTextEquals("cwd"u8)) { Cwd = ReadString(ref reader); }
        else if (reader.ValueTextEquals("originator"u8)) { Originator = ReadString(ref reader); }
        else if (reader.ValueTextEquals("cli_version"u8)) { CliVersion = ReadString(ref reader); }
        else if (reader.ValueTextEquals("model_provider"u8)) { ModelProvider = ReadString(ref reader); }
        else if (reader.ValueTextEquals("model"u8)) { Model = ReadString(ref reader); }
        else if (reader.ValueTextEquals("parent_thread_id"u8)) { ParentThreadId ??= ReadString(ref reader); }
        else if (reader.ValueTextEquals("agent_role"u8)) { AgentRole ??= ReadString(ref reader); }
        else if (reader.ValueTextEquals("agent_nickname"u8)) { AgentNickname ??= ReadString(ref reader); }
        else if (reader.ValueTextEquals("source"u8)) { ReadSource(ref reader); }
        else if (reader.ValueTextEquals("status"u8)) { Status = ReadString(ref reader); }
        else if (reader.ValueTextEquals("error"u8)) { ReadError(ref reader); }
        else { SkipValue(ref reader); }
    }

    // function_call_output.output: a string (exec, hooks) or content items (MCP). Only its head is looked at.
    private void ReadOutput(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            InspectOutputText(reader.ValueSpan, reader.ValueIsEscaped);
            return;
        }

        if (reader.TokenType == JsonTokenType.StartArray)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("text"u8))
                    {
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.IndexOf("timed out"u8) >= 0)
                        {
                            OutputMentionsTimeout = true;
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                    else { SkipValue(ref reader); }
                }
            }

            return;
        }

        reader.Skip();
    }

    private static ReadOnlySpan<byte> HookBlockPrefix => "Command blocked by PreToolUse hook: "u8;

    // Inside a JSON string the quotes of embedded JSON are escaped.
    private static ReadOnlySpan<byte> LegacyExitCode => "\\\"exit_code\\\":"u8;

    private static ReadOnlySpan<byte> SpawnedAgentId => "\\\"agent_id\\\":\\\""u8;

    private void InspectOutputText(ReadOnlySpan<byte> raw, bool escaped)
    {
        ReadOnlySpan<byte> head = raw.Length > 512 ? raw[..512] : raw;
        if (head.StartsWith(HookBlockPrefix))
        {
            OutputBlockedByHook = true;
            ReadOnlySpan<byte> rest = raw[HookBlockPrefix.Length..];
            int end = rest.IndexOf(". Command: "u8);
            ReadOnlySpan<byte> reason = end >= 0 ? rest[..end] : rest[..Math.Min(rest.Length, 400)];
            OutputBlockReason = escaped ? Unescape(reason) : Encoding.UTF8.GetString(reason);
            return;
        }

        // unified exec: "...Process exited with code N..."; older shell tool: {"output":...,"metadata":{"exit_code":N,...}}
        int at = head.IndexOf("Process exited with code "u8);
        if (at >= 0 && Utf8Parser.TryParse(head[(at + 25)..], out int code, out _))
        {
            OutputExitCode = code;
        }
        else
        {
            int meta = raw.LastIndexOf(LegacyExitCode);
            if (meta >= 0 && Utf8Parser.TryParse(raw[(meta + LegacyExitCode.Length)..], out int legacyCode, out _))
            {
                OutputExitCode = legacyCode;
            }
        }

        if (head.IndexOf("timed out"u8) >= 0)
        {
            OutputMentionsTimeout = true;
        }

        int agent = head.IndexOf(SpawnedAgentId);
        if (agent >= 0)
        {
            ReadOnlySpan<byte> rest = head[(agent + SpawnedAgentId.Length)..];
            int close = rest.IndexOf((byte)'\\');
            if (close > 0)
            {
                OutputAgentId = Encoding.UTF8.GetString(rest[..close]);
            }
        }
    }

    // event_msg item_completed.item: CommandExecution, McpToolCall, CollabAgentToolCall, ...
    private void ReadItem(ref Utf8JsonReader reader)
    {
        if (!EnterObject(ref reader))
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8)) { ItemType = ReadString(ref reader); }
            else if (reader.ValueTextEquals("id"u8)) { ItemId = ReadString(ref reader); }
            else if (reader.ValueTextEquals("status"u8)) { Status = ReadString(ref reader); }
            else if (reader.ValueTextEquals("exit_code"u8)) { ExitCode = ReadInt(ref reader); }
            else if (reader.ValueTextEquals("duration"u8)) { reader.Read(); Duration = ReadDuration(ref reader); }
            else if (reader.ValueTextEquals("server"u8)) { Server = ReadString(ref reader); }
            else if (reader.ValueTextEquals("tool"u8)) { Tool = ReadString(ref reader); }
            else if (reader.ValueTextEquals("error"u8)) { ReadError(ref reader); }
            else if (reader.ValueTextEquals("result"u8)) { ReadResult(ref reader); }
            else if (reader.ValueTextEquals("receiver_thread_ids"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        ReceiverCount++;
                        reader.Skip();
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
            else { SkipValue(ref reader); }
        }
    }

    private void ReadInfo(ref Utf8JsonReader reader)
    {
        if (!EnterObject(ref reader))
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("total_token_usage"u8))
            {
                reader.Read();
                Tokens = ReadTokens(ref reader);
            }
            else { SkipValue(ref reader); }
        }
    }

    private void ReadInvocation(ref Utf8JsonReader reader)
    {
        if (!EnterObject(ref reader))
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("server"u8)) { Server = ReadString(ref reader); }
            else if (reader.ValueTextEquals("tool"u8)) { Tool = ReadString(ref reader); }
            else { SkipValue(ref reader); }
        }
    }

    // MCP results: {"content":..,"isError":bool} (items), {"Ok":{...,"isError"}} or {"Err":"..."} (mcp_tool_call_end).
    // Inside Ok only isError counts.
    private void ReadResult(ref Utf8JsonReader reader, bool okBody = false)
    {
        if (!EnterObject(ref reader))
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("isError"u8) || reader.ValueTextEquals("is_error"u8))
            {
                reader.Read();
                ResultIsError |= reader.TokenType == JsonTokenType.True;
            }
            else if (!okBody && reader.ValueTextEquals("Ok"u8))
            {
                ReadResult(ref reader, okBody: true);
            }
            else if (!okBody && reader.ValueTextEquals("Err"u8))
            {
                ResultIsError = true;
                reader.Read();
                ErrorText = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }
            else { SkipValue(ref reader); }
        }
    }

    private void ReadError(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            ErrorText = reader.GetString();
            return;
        }

        if (!IsObject(ref reader))
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("message"u8))
            {
                ErrorText = ReadString(ref reader);
            }
            else { SkipValue(ref reader); }
        }
    }

    // session_meta.source: "exec" | "cli" | ... or {"subagent": {"thread_spawn": {parent_thread_id, depth, agent_role, ...}}}
    private void ReadSource(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            Source = reader.GetString();
            return;
        }

        if (!IsObject(ref reader))
        {
            return;
        }

        int depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.CurrentDepth == depth + 1)
            {
                Source ??= reader.GetString();
            }

            if (reader.ValueTextEquals("parent_thread_id"u8)) { ParentThreadId = ReadString(ref reader); }
            else if (reader.ValueTextEquals("depth"u8)) { Depth = ReadInt(ref reader); }
            else if (reader.ValueTextEquals("agent_role"u8)) { AgentRole = ReadString(ref reader); }
            else if (reader.ValueTextEquals("agent_nickname"u8)) { AgentNickname = ReadString(ref reader); }
        }
    }
}
