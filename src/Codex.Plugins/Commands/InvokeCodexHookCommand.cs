using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Nodes;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Hooks;
using Codex.Plugins.Hooks.Execution;

namespace Codex.Plugins.Commands;

/// <summary>
/// Runs the hooks Codex would run for one event, with the stdin payload Codex would send, and reports each handler's
/// result and the decision Codex would take.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "CodexHook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(CodexHookResult), typeof(CodexHookOutcome))]
public sealed class InvokeCodexHookCommand : CodexVersionedCommandBase
{
    private readonly CancellationTokenSource stopping = new();
    private readonly List<(CodexEnvironment Environment, List<string> Keys)> batches = new();

    /// <summary>The event to simulate; optional with -InputObject, whose hook_event_name names it.</summary>
    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(HookEventCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Event { get; set; }

    /// <summary>Only these hooks (keys as Get-CodexHook shows them); binds from Get-CodexHook output.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(HookKeyCompleter))]
    public string[]? Key { get; set; }

    /// <summary>A payload Codex sent (JSON text, a .json file, or an object), used as the hooks' stdin as it is.</summary>
    [Parameter]
    [ValidateNotNull]
    public object? InputObject { get; set; }

    [Parameter] public string? ToolName { get; set; }

    /// <summary>tool_input: a hashtable, an object or JSON text, e.g. @{ command = 'rm -rf build' }.</summary>
    [Parameter] public object? ToolInput { get; set; }

    [Parameter] public object? ToolResponse { get; set; }

    [Parameter] public string? ToolUseId { get; set; }

    [Parameter] public string? Prompt { get; set; }

    /// <summary>SessionStart source: startup, resume, clear or compact.</summary>
    [Parameter] public string? Source { get; set; }

    /// <summary>PreCompact/PostCompact trigger: manual or auto.</summary>
    [Parameter] public string? Trigger { get; set; }

    [Parameter] public string? AgentId { get; set; }

    [Parameter] public string? AgentType { get; set; }

    [Parameter] public string? AgentTranscriptPath { get; set; }

    [Parameter] public SwitchParameter StopHookActive { get; set; }

    [Parameter] public string? LastAssistantMessage { get; set; }

    /// <summary>SessionEnd reason.</summary>
    [Parameter] public string? Reason { get; set; }

    [Parameter] public string? SessionId { get; set; }

    [Parameter] public string? TurnId { get; set; }

    [Parameter] public string? TranscriptPath { get; set; }

    [Parameter] public string? Model { get; set; }

    [Parameter]
    [ValidateSet("default", "acceptEdits", "plan", "dontAsk", "bypassPermissions")]
    public string? PermissionMode { get; set; }

    /// <summary>Also run hooks Codex would skip because they are untrusted or modified.</summary>
    [Parameter] public SwitchParameter IncludeUntrusted { get; set; }

    /// <summary>Show stdout, stderr and the payload without masking secrets.</summary>
    [Parameter] public SwitchParameter IncludeSecret { get; set; }

    /// <summary>Append each run as one JSON line to this file (for audits); checked before any hook runs.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? LogPath { get; set; }

    /// <summary>
    /// Variables to add to the hooks' environment. By default a hook gets what Codex from a clean login would give it
    /// (PATH, HOME, USER, SHELL, locale, TERM, TMPDIR, the CODEX_* variables and its plugin's variables), not the
    /// caller's whole environment.
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    public System.Collections.Hashtable? Environment { get; set; }

    /// <summary>Pass the caller's whole environment to the hooks (tokens and keys in it included).</summary>
    [Parameter] public SwitchParameter PassEnvironment { get; set; }

    protected override void BeginProcessing()
    {
        if (Event is not null && HookEvent.Find(Event) is null)
        {
            ThrowIssue(new CodexIssue(ErrorIds.HookInputInvalid, IssueKind.InvalidData, $"Codex has no hook event '{Event}'.", null, Target: Event,
                RecommendedAction: $"Use one of: {string.Join(", ", HookEvent.Names)}."));
        }

        if (LogPath is not null && !MyInvocation.BoundParameters.ContainsKey("WhatIf"))
        {
            try
            {
                HookInvocation.CheckLog(GetUnresolvedProviderPathFromPSPath(LogPath));
            }
            catch (CodexIssueException ex)
            {
                ThrowIssue(ex.Issue);
            }
        }
    }

    protected override void ProcessRecord()
    {
        CodexEnvironment environment = ResolveEnvironment();
        var batch = batches.FirstOrDefault(b => Same(b.Environment, environment));
        if (batch.Keys is null)
        {
            batch = (environment, new List<string>());
            batches.Add(batch);
        }

        batch.Keys.AddRange(Key ?? Array.Empty<string>());
    }

    protected override void EndProcessing()
    {
        foreach (var (environment, keys) in batches)
        {
            CodexHome = environment.CodexHome;
            ProjectPath = environment.ProjectPath;
            Run(keys);
        }
    }

    protected override void StopProcessing() => stopping.Cancel();

    private static bool Same(CodexEnvironment a, CodexEnvironment b) =>
        a.CodexHome == b.CodexHome && a.ProjectPath == b.ProjectPath && a.SystemConfigDirectory == b.SystemConfigDirectory && a.Profile == b.Profile;

    private void Run(List<string> keys)
    {
        ConfigStack stack = LoadStack();
        (HookEvent hookEvent, JsonObject payload) = BuildPayload(stack);
        HookInventory inventory = HookInventory.Read(stack);
        foreach (CodexIssue issue in inventory.Issues)
        {
            WriteIssue(issue);
        }

        IReadOnlyList<SelectedHook> selected = HookRunner.Select(inventory, hookEvent, payload, IncludeUntrusted, keys);
        foreach (string missing in keys.Distinct().Where(k => inventory.Hooks.All(h => h.Key != k)))
        {
            WriteIssue(new CodexIssue(ErrorIds.HookNotFound, IssueKind.NotFound, $"No hook with key '{missing}'.", stack.Environment.UserConfigPath, Target: missing,
                RecommendedAction: "Run Get-CodexHook to list the hooks Codex knows."));
        }

        string payloadText = HookPayloadBuilder.Serialize(payload);
        string shown = IncludeSecret ? payloadText : HookOutputMask.Apply(payloadText);
        var confirmed = new List<SelectedHook>();
        bool anyDeclined = false;
        foreach (SelectedHook h in selected)
        {
            if (h.SkipReason is not null)
            {
                confirmed.Add(h);
                continue;
            }

            if (ShouldProcess(h.Hook.Key, $"Run `{h.Hook.Command}` (timeout {h.Hook.TimeoutSec}s, cwd {stack.Environment.ProjectPath}) with stdin {shown}"))
            {
                confirmed.Add(h);
            }
            else
            {
                anyDeclined = true;
                confirmed.Add(h with { SkipReason = "not confirmed (-WhatIf or -Confirm)" });
            }
        }

        if (anyDeclined && MyInvocation.BoundParameters.ContainsKey("WhatIf"))
        {
            return;
        }

        // Progress only when hooks run side by side; one hook's own timeout is its progress.
        int runnable = confirmed.Count(h => h.SkipReason is null);
        if (runnable > 1)
        {
            WriteProgress(new ProgressRecord(1, $"Invoke-CodexHook {hookEvent.Name}", $"Running {runnable} hook(s)"));
        }

        var hookEnvironment = new HookEnvironmentOptions
        {
            PassAll = PassEnvironment.IsPresent,
            Add = (Environment ?? new System.Collections.Hashtable()).Cast<System.Collections.DictionaryEntry>()
                .ToDictionary(e => Convert.ToString(e.Key, System.Globalization.CultureInfo.InvariantCulture)!, e => Convert.ToString(e.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty),
        };
        CodexHookOutcome outcome;
        try
        {
            outcome = HookInvocation.Run(hookEvent, payload, confirmed, stack.Environment, IncludeSecret, hookEnvironment, stopping.Token);
        }
        finally
        {
            if (runnable > 1)
            {
                WriteProgress(new ProgressRecord(1, $"Invoke-CodexHook {hookEvent.Name}", "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        foreach (CodexHookResult result in outcome.Results)
        {
            WriteObject(result);
        }

        WriteObject(outcome);
        if (LogPath is not null && HookInvocation.Log(GetUnresolvedProviderPathFromPSPath(LogPath), outcome) is { } logIssue)
        {
            WriteIssue(logIssue);
        }
    }

    private (HookEvent Event, JsonObject Payload) BuildPayload(ConfigStack stack)
    {
        JsonNode? toolInput = null, toolResponse = null;
        try
        {
            toolInput = JsonNodeConverter.From(ToolInput, parseJsonText: true);
            toolResponse = JsonNodeConverter.From(ToolResponse, parseJsonText: false);
        }
        catch (JsonException ex)
        {
            ThrowIssue(new CodexIssue(ErrorIds.HookInputInvalid, IssueKind.InvalidData, $"-ToolInput is not valid JSON: {ex.Message}", null, Target: "ToolInput"));
        }

        var request = new HookInvocationRequest
        {
            Event = Event,
            CodexVersion = RulesOf(ResolveInstallation(stack.Environment)),
            RecordedPayload = InputObject is null ? null : RecordedText(InputObject),
            Fields = new HookEventInput
            {
                SessionId = SessionId, TurnId = TurnId, TranscriptPath = TranscriptPath, Model = Model, PermissionMode = PermissionMode,
                ToolName = ToolName, ToolInput = toolInput, ToolResponse = toolResponse, ToolUseId = ToolUseId, Prompt = Prompt, Source = Source,
                Trigger = Trigger, AgentId = AgentId, AgentType = AgentType, AgentTranscriptPath = AgentTranscriptPath,
                StopHookActive = StopHookActive.IsPresent ? true : null, LastAssistantMessage = LastAssistantMessage, Reason = Reason,
            },
        };
        try
        {
            return HookInvocation.BuildPayload(request, stack);
        }
        catch (CodexIssueException ex)
        {
            ThrowIssue(ex.Issue);
            throw;
        }
    }

    /// <summary>The binding half of -InputObject: a file, a path, JSON text, or an object as JSON text.</summary>
    private string RecordedText(object value)
    {
        object raw = value is PSObject ps ? ps.BaseObject : value;
        try
        {
            return raw switch
            {
                FileInfo file => HookInvocation.ReadRecordedFile(file.FullName),
                string s when !s.TrimStart().StartsWith('{') => HookInvocation.ReadRecordedFile(GetUnresolvedProviderPathFromPSPath(s)),
                string s => s,
                _ => JsonNodeConverter.From(value, parseJsonText: true)?.ToJsonString() ?? "null",
            };
        }
        catch (CodexIssueException ex)
        {
            ThrowIssue(ex.Issue);
            throw;
        }
    }
}
