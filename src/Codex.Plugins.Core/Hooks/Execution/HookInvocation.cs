using System.Text.Json;
using System.Text.Json.Nodes;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>
/// One test run of an event's hooks, from request to outcome: the payload (recorded, or built as Codex builds it, the
/// event reconciled with the payload's own hook_event_name), the log file checked before anything runs, the hooks run
/// and the outcome tied to the home and project it was run for. The cmdlet binds, confirms and writes.
/// </summary>
public static class HookInvocation
{
    /// <summary>The event -Event names (null when not given); a name Codex does not know is HookInputInvalid.</summary>
    public static HookEvent? FindEvent(string? name) =>
        name is null ? null
        : HookEvent.Find(name) ?? throw Invalid($"Codex has no hook event '{name}'.", name, $"Use one of: {string.Join(", ", HookEvent.Names)}.");

    /// <summary>The event and its stdin payload; a request that cannot make one is HookInputInvalid.</summary>
    public static (HookEvent Event, JsonObject Payload) BuildPayload(HookInvocationRequest request, ConfigStack stack)
    {
        HookEvent? hookEvent = FindEvent(request.Event);
        JsonNode? toolInput = ToolInputOf(request.Fields.ToolInput);
        if (request.RecordedPayload is not null)
        {
            JsonObject recorded;
            string? recordedEvent;
            try
            {
                recorded = HookPayloadBuilder.FromRecorded(request.RecordedPayload.Read(), out recordedEvent);
            }
            catch (ArgumentException ex)
            {
                throw Invalid(ex.Message, "InputObject", "Pass the JSON object a hook received on stdin.");
            }

            HookEvent? named = HookEvent.Find(recordedEvent);
            if (hookEvent is null && named is null)
            {
                throw Invalid("The payload has no hook_event_name Codex knows, and -Event is not given.", "InputObject", "Give -Event, or a payload with hook_event_name.");
            }

            if (hookEvent is not null && named is not null && named != hookEvent)
            {
                throw Invalid($"The payload is a {named.Name} payload, not {hookEvent.Name}.", "InputObject", "Leave out -Event, or give the payload of that event.");
            }

            return (hookEvent ?? named!, recorded);
        }

        if (hookEvent is null)
        {
            throw Invalid("Give -Event, or a recorded payload with -InputObject.", "Event", $"Use one of: {string.Join(", ", HookEvent.Names)}.");
        }

        TomlTableNode config = stack.Effective;
        HookEventInput fields = request.Fields;
        var input = new HookEventInput
        {
            SessionId = fields.SessionId, TurnId = fields.TurnId, TranscriptPath = fields.TranscriptPath, Cwd = fields.Cwd ?? stack.Environment.ProjectPath,
            Model = fields.Model, PermissionMode = fields.PermissionMode ?? HookPayloadBuilder.DefaultPermissionMode(config), ToolName = fields.ToolName,
            ToolInput = toolInput, ToolResponse = fields.ToolResponse, ToolUseId = fields.ToolUseId, Prompt = fields.Prompt, Source = fields.Source,
            Trigger = fields.Trigger, AgentId = fields.AgentId, AgentType = fields.AgentType, AgentTranscriptPath = fields.AgentTranscriptPath,
            StopHookActive = fields.StopHookActive, LastAssistantMessage = fields.LastAssistantMessage, Reason = fields.Reason, Status = fields.Status,
        };
        return (hookEvent, HookPayloadBuilder.Build(hookEvent, input, stack.Environment.ProjectPath, config.String("model"), request.CodexVersion));
    }

    /// <summary>-ToolInput given as JSON text (an object or array) is that JSON; other text stays a string.</summary>
    private static JsonNode? ToolInputOf(JsonNode? given)
    {
        if (given is not JsonValue value || !value.TryGetValue(out string? text) || !(text.TrimStart().StartsWith('{') || text.TrimStart().StartsWith('[')))
        {
            return given;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.HookInputInvalid, IssueKind.InvalidData, $"-ToolInput is not valid JSON: {ex.Message}", null, Target: "ToolInput"));
        }
    }

    /// <summary>The event -Event names and the -LogPath to append to (null: none), checked before anything runs.</summary>
    public static void CheckParameters(string? eventName, string? logPath)
    {
        FindEvent(eventName);
        if (logPath is not null)
        {
            CheckLog(logPath);
        }
    }

    /// <summary>
    /// The payload of <paramref name="request"/> and the hooks of its event that would run for it (all of them, or
    /// those named by <paramref name="keys"/>), with the inventory's issues and one HookNotFound per key no hook has.
    /// A request that cannot make a payload is HookInputInvalid (thrown).
    /// </summary>
    public static HookRunPlan Plan(HookInvocationRequest request, ConfigStack stack, bool includeUntrusted, IReadOnlyCollection<string> keys)
    {
        (HookEvent hookEvent, JsonObject payload) = BuildPayload(request, stack);
        HookInventory inventory = HookInventory.Read(stack);
        var issues = new List<CodexIssue>(inventory.Issues);
        IReadOnlyList<SelectedHook> selected = HookRunner.Select(inventory, hookEvent, payload, includeUntrusted, keys.ToList());
        foreach (string missing in keys.Distinct().Where(k => inventory.Hooks.All(h => h.Key != k)))
        {
            issues.Add(new CodexIssue(ErrorIds.HookNotFound, IssueKind.NotFound, $"No hook with key '{missing}'.", stack.Environment.UserConfigPath, Target: missing,
                RecommendedAction: "Run Get-CodexHook to list the hooks Codex knows."));
        }

        return new HookRunPlan(hookEvent, payload, selected, issues);
    }

    /// <summary>
    /// Refuses a -LogPath that cannot be appended to, before any hook runs (so no result is lost after the run):
    /// HookLogUnwritable. The file is created when missing, as the run would create it.
    /// </summary>
    public static void CheckLog(string path)
    {
        try
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            using var probe = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.HookLogUnwritable, IssueKind.ReadError,
                $"The log {path} cannot be written ({ex.Message}); no hook was run.", path, Target: path,
                RecommendedAction: "Give a -LogPath this account may append to, or leave it out."), ex);
        }
    }

    /// <summary>Runs the confirmed hooks and ties the outcome to the home and project it was run for.</summary>
    public static CodexHookOutcome Run(HookEvent hookEvent, JsonObject payload, IReadOnlyList<SelectedHook> hooks, CodexEnvironment environment,
        bool includeSecret, HookRunOptions options, CancellationToken cancel)
    {
        CodexHookOutcome outcome = HookRunner.RunAsync(hookEvent, payload, hooks, environment.ProjectPath, includeSecret, cancel, options).GetAwaiter().GetResult();
        return new CodexHookOutcome
        {
            Event = outcome.Event, Decision = outcome.Decision, Reason = outcome.Reason, UpdatedInput = outcome.UpdatedInput,
            AdditionalContext = outcome.AdditionalContext, SystemMessages = outcome.SystemMessages, Passed = outcome.Passed,
            Failed = outcome.Failed, Skipped = outcome.Skipped, Blocked = outcome.Blocked, Payload = outcome.Payload, Results = outcome.Results,
            CodexHome = environment.CodexHome, ProjectPath = environment.ProjectPath,
        };
    }

    /// <summary>
    /// Runs the confirmed hooks of <paramref name="plan"/>, streaming what they print to the log at
    /// <paramref name="logPath"/> (null: no log) and appending the run's summary there after; a log that failed is
    /// reported in LogIssues, the outcome stands.
    /// </summary>
    public static (CodexHookOutcome Outcome, IReadOnlyList<CodexIssue> LogIssues) Run(HookRunPlan plan, IReadOnlyList<SelectedHook> confirmed,
        CodexEnvironment environment, bool includeSecret, HookRunOptions options, string? logPath, CancellationToken cancel)
    {
        HookOutputLog? log = logPath is null ? null : new HookOutputLog(logPath, includeSecret);
        CodexHookOutcome outcome = Run(plan.Event, plan.Payload, confirmed, environment, includeSecret, options with
        {
            Log = log, PayloadJson = plan.PayloadJson(), MaskedPayloadJson = includeSecret ? null : plan.ShownPayload(false),
        }, cancel);
        return (outcome, log is not null && Log(log.Path, outcome, log) is { } failed ? new[] { failed } : Array.Empty<CodexIssue>());
    }

    /// <summary>
    /// Appends the run's summary to the log, after the output <paramref name="streamed"/> to it during the run; a failure
    /// of either is an issue to report, the results stand.
    /// </summary>
    public static CodexIssue? Log(string path, CodexHookOutcome outcome, HookOutputLog? streamed = null)
    {
        try
        {
            HookRunLog.Append(path, outcome, DateTimeOffset.Now, streamed?.RunId);
            if (streamed?.Failure is { } failure)
            {
                return new CodexIssue(ErrorIds.HookLogUnwritable, IssueKind.ReadError,
                    $"Some of the hooks' output could not be streamed to {path}: {failure}", path, Target: path,
                    RecommendedAction: "The results are on the pipeline; give a -LogPath on a disk with room, that this account may append to.");
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new CodexIssue(ErrorIds.HookLogUnwritable, IssueKind.ReadError,
                $"The run finished but could not be appended to {path}: {ex.Message}", path, Target: path,
                RecommendedAction: "The results are on the pipeline; give a -LogPath this account may append to.");
        }
    }

    private static CodexIssueException Invalid(string message, string target, string action) =>
        new(new CodexIssue(ErrorIds.HookInputInvalid, IssueKind.InvalidData, message, null, Target: target, RecommendedAction: action));
}
