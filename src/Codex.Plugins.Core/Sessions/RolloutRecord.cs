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

    public RolloutItemKind Kind { get; internal set; }

    /// <summary>The envelope's type word as written, for reporting an unknown one.</summary>
    public string? KindText { get; internal set; }

    /// <summary>payload.type (response items and events).</summary>
    public string? PayloadType { get; internal set; }

    public bool HasTimestamp => timestampLength > 0;

    public ReadOnlySpan<byte> TimestampUtf8 => timestamp.AsSpan(0, timestampLength);

    // Tool calls and their outputs
    public string? Name { get; internal set; }
    public string? Namespace { get; internal set; }
    public string? CallId { get; internal set; }
    public bool OutputBlockedByHook { get; internal set; }
    public string? OutputBlockReason { get; internal set; }
    public int? OutputExitCode { get; internal set; }
    public bool OutputMentionsTimeout { get; internal set; }
    public string? OutputAgentId { get; internal set; }

    // Completed items (event_msg item_completed) and *_end events
    public string? ItemType { get; internal set; }
    public string? ItemId { get; internal set; }
    public string? Status { get; internal set; }
    public int? ExitCode { get; internal set; }
    public TimeSpan? Duration { get; internal set; }
    public string? Server { get; internal set; }
    public string? Tool { get; internal set; }
    public bool ResultIsError { get; internal set; }
    public string? ErrorText { get; internal set; }
    public int ReceiverCount { get; internal set; }
    public string? Reason { get; internal set; }

    // Tokens (token_count.info.total_token_usage, token_usage_record.usage)
    public CodexTokenUsage? Tokens { get; internal set; }

    // session_meta and turn_context
    public string? Id { get; internal set; }
    public string? SessionId { get; internal set; }
    public string? MetaTimestamp { get; internal set; }
    public string? Cwd { get; internal set; }
    public string? Originator { get; internal set; }
    public string? CliVersion { get; internal set; }
    public string? Source { get; internal set; }
    public string? ModelProvider { get; internal set; }
    public string? Model { get; internal set; }
    public string? ParentThreadId { get; internal set; }
    public int? Depth { get; internal set; }
    public string? AgentRole { get; internal set; }
    public string? AgentNickname { get; internal set; }

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
                        RolloutPayloadReader.ReadFields(this, ref reader, payloadLevel: true);
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
                    RolloutPayloadReader.ReadField(this, ref reader, payloadLevel: false);
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
}
