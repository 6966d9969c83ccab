using System.Text.Json.Nodes;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>What Invoke-CodexHook was asked for, as bound: the event, a recorded payload, or the payload's fields.</summary>
public sealed class HookInvocationRequest
{
    /// <summary>The event named by -Event (null: the recorded payload's hook_event_name decides).</summary>
    public string? Event { get; init; }

    /// <summary>A recorded payload as JSON text (null: build one from <see cref="Fields"/>).</summary>
    public string? RecordedPayload { get; init; }

    /// <summary>The Codex release whose payload fields are built (they differ between releases).</summary>
    public Version CodexVersion { get; init; } = new(0, 169, 0);

    /// <summary>The payload's fields; cwd, model and permission_mode default from the configuration when not given.</summary>
    public HookEventInput Fields { get; init; } = new();
}

/// <summary>
/// One test run of an event's hooks, from request to outcome: the payload (recorded, or built as Codex builds it, the
/// event reconciled with the payload's own hook_event_name), the log file checked before anything runs, the hooks run
/// and the outcome tied to the home and project it was run for. The cmdlet binds, confirms and writes.
/// </summary>
public static class HookInvocation
{
    /// <summary>The event and its stdin payload; a request that cannot make one is HookInputInvalid.</summary>
    public static (HookEvent Event, JsonObject Payload) BuildPayload(HookInvocationRequest request, ConfigStack stack)
    {
        HookEvent? hookEvent = request.Event is null ? null : HookEvent.Find(request.Event);
        if (request.Event is not null && hookEvent is null)
        {
            throw Invalid($"Codex 0.169.0 has no hook event '{request.Event}'.", request.Event, $"Use one of: {string.Join(", ", HookEvent.Names)}.");
        }

        if (request.RecordedPayload is not null)
        {
            JsonObject recorded;
            string? recordedEvent;
            try
            {
                recorded = HookPayloadBuilder.FromRecorded(request.RecordedPayload, out recordedEvent);
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
            ToolInput = fields.ToolInput, ToolResponse = fields.ToolResponse, ToolUseId = fields.ToolUseId, Prompt = fields.Prompt, Source = fields.Source,
            Trigger = fields.Trigger, AgentId = fields.AgentId, AgentType = fields.AgentType, AgentTranscriptPath = fields.AgentTranscriptPath,
            StopHookActive = fields.StopHookActive, LastAssistantMessage = fields.LastAssistantMessage, Reason = fields.Reason, Status = fields.Status,
        };
        return (hookEvent, HookPayloadBuilder.Build(hookEvent, input, stack.Environment.ProjectPath, config.String("model"), request.CodexVersion));
    }

    /// <summary>A recorded payload kept in a file; a missing or unreadable file is HookInputInvalid.</summary>
    public static string ReadRecordedFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.HookInputInvalid, IssueKind.NotFound,
                $"-InputObject is neither JSON nor a readable file: {path} ({ex.Message})", path, Target: "InputObject",
                RecommendedAction: "Pass the JSON text, or the path of a file that holds it."), ex);
        }
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
