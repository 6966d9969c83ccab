using System.Text.Json;
using static Codex.Plugins.Sessions.RolloutJson;

namespace Codex.Plugins.Sessions;

/// <summary>
/// Reads the fields of a rollout line's payload (or of a bare item, written before the envelope) into the record,
/// whatever their order: the tool call, its output, the completed item, token usage, the MCP invocation and result,
/// errors, and the session's source. Only the fields a metric uses are made into strings.
/// </summary>
internal static class RolloutPayloadReader
{
    // The payload's fields (or a bare item's), in any order.
    public static void ReadFields(RolloutRecord record, ref Utf8JsonReader reader, bool payloadLevel)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (payloadLevel && reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                record.PayloadType = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (payloadLevel && reader.ValueTextEquals("timestamp"u8))
            {
                record.MetaTimestamp = ReadString(ref reader);
            }
            else
            {
                ReadField(record, ref reader, payloadLevel);
            }
        }
    }

    public static void ReadField(RolloutRecord record, ref Utf8JsonReader reader, bool payloadLevel)
    {
        if (reader.ValueTextEquals("name"u8)) { record.Name = ReadString(ref reader); }
        else if (reader.ValueTextEquals("namespace"u8)) { record.Namespace = ReadString(ref reader); }
        else if (reader.ValueTextEquals("call_id"u8)) { record.CallId = ReadString(ref reader); }
        else if (reader.ValueTextEquals("output"u8)) { ReadOutput(record, ref reader); }
        else if (reader.ValueTextEquals("item"u8)) { ReadItem(record, ref reader); }
        else if (reader.ValueTextEquals("info"u8)) { ReadInfo(record, ref reader); }
        else if (reader.ValueTextEquals("usage"u8)) { reader.Read(); record.Tokens = ReadTokens(ref reader); }
        else if (reader.ValueTextEquals("invocation"u8)) { ReadInvocation(record, ref reader); }
        else if (reader.ValueTextEquals("duration"u8)) { reader.Read(); record.Duration = ReadDuration(ref reader); }
        else if (reader.ValueTextEquals("result"u8)) { ReadResult(record, ref reader); }
        else if (reader.ValueTextEquals("exit_code"u8)) { record.ExitCode = ReadInt(ref reader); }
        else if (reader.ValueTextEquals("reason"u8)) { record.Reason = ReadString(ref reader); }
        else if (reader.ValueTextEquals("id"u8)) { record.Id = ReadString(ref reader); }
        else if (reader.ValueTextEquals("session_id"u8)) { record.SessionId = ReadString(ref reader); }
        else if (reader.ValueTextEquals("timestamp"u8) && !payloadLevel) { record.MetaTimestamp = ReadString(ref reader); }
        else if (reader.ValueTextEquals("cwd"u8)) { record.Cwd = ReadString(ref reader); }
        else if (reader.ValueTextEquals("originator"u8)) { record.Originator = ReadString(ref reader); }
        else if (reader.ValueTextEquals("cli_version"u8)) { record.CliVersion = ReadString(ref reader); }
        else if (reader.ValueTextEquals("model_provider"u8)) { record.ModelProvider = ReadString(ref reader); }
        else if (reader.ValueTextEquals("model"u8)) { record.Model = ReadString(ref reader); }
        else if (reader.ValueTextEquals("parent_thread_id"u8)) { record.ParentThreadId ??= ReadString(ref reader); }
        else if (reader.ValueTextEquals("agent_role"u8)) { record.AgentRole ??= ReadString(ref reader); }
        else if (reader.ValueTextEquals("agent_nickname"u8)) { record.AgentNickname ??= ReadString(ref reader); }
        else if (reader.ValueTextEquals("source"u8)) { ReadSource(record, ref reader); }
        else if (reader.ValueTextEquals("status"u8)) { record.Status = ReadString(ref reader); }
        else if (reader.ValueTextEquals("error"u8)) { ReadError(record, ref reader); }
        else { SkipValue(ref reader); }
    }

    // function_call_output.output: a string (exec, hooks) or content items (MCP). Only its head is looked at.
    private static void ReadOutput(RolloutRecord record, ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            RolloutOutputText.Inspect(record, reader.ValueSpan, reader.ValueIsEscaped);
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
                            record.OutputMentionsTimeout = true;
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

    // event_msg item_completed.item: CommandExecution, McpToolCall, CollabAgentToolCall, ...
    private static void ReadItem(RolloutRecord record, ref Utf8JsonReader reader)
    {
        if (!EnterObject(ref reader))
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8)) { record.ItemType = ReadString(ref reader); }
            else if (reader.ValueTextEquals("id"u8)) { record.ItemId = ReadString(ref reader); }
            else if (reader.ValueTextEquals("status"u8)) { record.Status = ReadString(ref reader); }
            else if (reader.ValueTextEquals("exit_code"u8)) { record.ExitCode = ReadInt(ref reader); }
            else if (reader.ValueTextEquals("duration"u8)) { reader.Read(); record.Duration = ReadDuration(ref reader); }
            else if (reader.ValueTextEquals("server"u8)) { record.Server = ReadString(ref reader); }
            else if (reader.ValueTextEquals("tool"u8)) { record.Tool = ReadString(ref reader); }
            else if (reader.ValueTextEquals("error"u8)) { ReadError(record, ref reader); }
            else if (reader.ValueTextEquals("result"u8)) { ReadResult(record, ref reader); }
            else if (reader.ValueTextEquals("receiver_thread_ids"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        record.ReceiverCount++;
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

    private static void ReadInfo(RolloutRecord record, ref Utf8JsonReader reader)
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
                record.Tokens = ReadTokens(ref reader);
            }
            else { SkipValue(ref reader); }
        }
    }

    private static void ReadInvocation(RolloutRecord record, ref Utf8JsonReader reader)
    {
        if (!EnterObject(ref reader))
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("server"u8)) { record.Server = ReadString(ref reader); }
            else if (reader.ValueTextEquals("tool"u8)) { record.Tool = ReadString(ref reader); }
            else { SkipValue(ref reader); }
        }
    }

    // MCP results: {"content":..,"isError":bool} (items), {"Ok":{...,"isError"}} or {"Err":"..."} (mcp_tool_call_end).
    // Inside Ok only isError counts.
    private static void ReadResult(RolloutRecord record, ref Utf8JsonReader reader, bool okBody = false)
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
                record.ResultIsError |= reader.TokenType == JsonTokenType.True;
            }
            else if (!okBody && reader.ValueTextEquals("Ok"u8))
            {
                ReadResult(record, ref reader, okBody: true);
            }
            else if (!okBody && reader.ValueTextEquals("Err"u8))
            {
                record.ResultIsError = true;
                reader.Read();
                record.ErrorText = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }
            else { SkipValue(ref reader); }
        }
    }

    private static void ReadError(RolloutRecord record, ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            record.ErrorText = reader.GetString();
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
                record.ErrorText = ReadString(ref reader);
            }
            else { SkipValue(ref reader); }
        }
    }

    // session_meta.source: "exec" | "cli" | ... or {"subagent": {"thread_spawn": {parent_thread_id, depth, agent_role, ...}}}
    private static void ReadSource(RolloutRecord record, ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            record.Source = reader.GetString();
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
                record.Source ??= reader.GetString();
            }

            if (reader.ValueTextEquals("parent_thread_id"u8)) { record.ParentThreadId = ReadString(ref reader); }
            else if (reader.ValueTextEquals("depth"u8)) { record.Depth = ReadInt(ref reader); }
            else if (reader.ValueTextEquals("agent_role"u8)) { record.AgentRole = ReadString(ref reader); }
            else if (reader.ValueTextEquals("agent_nickname"u8)) { record.AgentNickname = ReadString(ref reader); }
        }
    }
}
