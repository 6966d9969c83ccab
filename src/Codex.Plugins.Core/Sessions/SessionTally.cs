namespace Codex.Plugins.Sessions;

/// <summary>
/// What one rollout's items add up to: each measured item is routed by its kind and payload type to the session's
/// metadata, its turns and tokens, its tool calls, or its subagents.
/// </summary>
internal sealed class SessionTally
{
    private int taskStarted;
    private int turnContexts;
    private CodexTokenUsage? lastTotal;
    private readonly CodexTokenUsage recordSum = new();
    private bool anyTokenRecord;

    public SessionMetaBuilder Meta { get; } = new();

    public ToolCallLedger Tools { get; } = new();

    public SubagentTally Subagents { get; } = new();

    /// <summary>Turns started (task_started), or turn contexts when a rollout has no task_started events.</summary>
    public int Turns => taskStarted > 0 ? taskStarted : turnContexts;

    public int CompletedTurns { get; private set; }

    public int Aborts { get; private set; }

    /// <summary>The last token_count total, else the sum of token usage records.</summary>
    public CodexTokenUsage Tokens => lastTotal ?? (anyTokenRecord ? recordSum : new CodexTokenUsage());

    /// <summary>Adds one item of a known kind.</summary>
    public void Take(RolloutRecord record)
    {
        switch (record.Kind)
        {
            case RolloutItemKind.SessionMeta:
            case RolloutItemKind.LegacyMeta:
                Meta.TakeMeta(record);
                break;
            case RolloutItemKind.TurnContext:
                turnContexts++;
                Meta.TakeTurnContext(record);
                break;
            case RolloutItemKind.ResponseItem:
            case RolloutItemKind.LegacyResponseItem:
                TakeResponseItem(record);
                break;
            case RolloutItemKind.EventMsg:
                TakeEvent(record);
                break;
            case RolloutItemKind.TokenUsageRecord:
                if (record.Tokens is not null)
                {
                    recordSum.Add(record.Tokens);
                    anyTokenRecord = true;
                }

                break;
        }
    }

    private void TakeResponseItem(RolloutRecord record)
    {
        switch (record.PayloadType)
        {
            case "function_call":
            case "custom_tool_call":
                string name = SessionMeasurer.ToolName(record.Name, record.Namespace);
                Tools.Called(record.CallId, name);
                if (name == "close_agent")
                {
                    Subagents.Closed();
                }

                break;
            case "local_shell_call":
                Tools.Called(record.CallId, "local_shell");
                break;
            case "web_search_call":
                Tools.Called(record.CallId ?? record.Id, "web_search");
                break;
            case "function_call_output":
            case "custom_tool_call_output":
                if (Tools.Output(record) == "spawn_agent" && record.OutputAgentId is { } agent)
                {
                    Subagents.Spawned(agent);
                }

                break;
        }
    }

    private void TakeEvent(RolloutRecord record)
    {
        switch (record.PayloadType)
        {
            case "task_started":
                taskStarted++;
                break;
            case "task_complete":
                CompletedTurns++;
                break;
            case "turn_aborted":
                Aborts++;
                break;
            case "token_count":
                if (record.Tokens is not null)
                {
                    lastTotal = record.Tokens;
                }

                break;
            case "item_completed":
                TakeCompletedItem(record);
                break;
            case "mcp_tool_call_end":
                Tools.SettleMcp(record.CallId, record.Server, record.Tool, record.ResultIsError || record.ErrorText is not null, record.ErrorText, record.Duration);
                break;
            case "exec_command_end":
                Tools.Settle(record.CallId, record.ExitCode is int c && c != 0, null, record.Duration);
                break;
        }
    }

    private void TakeCompletedItem(RolloutRecord record)
    {
        switch (record.ItemType)
        {
            case "CommandExecution":
                Tools.Settle(record.ItemId, record.Status is "failed" or "declined" || (record.ExitCode is int c && c != 0), null, record.Duration);
                break;
            case "McpToolCall":
                Tools.SettleMcp(record.ItemId, record.Server, record.Tool, record.Status is "failed" || record.ResultIsError || record.ErrorText is not null, record.ErrorText, record.Duration);
                break;
            case "CollabAgentToolCall":
                if (record.Tool == "spawn_agent")
                {
                    Subagents.SpawnedByItem(record.ReceiverCount);
                }

                Tools.Settle(record.ItemId, record.Status is "failed", null, record.Duration);
                break;
        }
    }
}
