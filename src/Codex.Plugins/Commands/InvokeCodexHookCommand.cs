using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Nodes;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Hooks;
using Codex.Plugins.Hooks.Execution;
using Codex.Plugins.Internal;

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
    // Keys piped from several homes or projects: one run per environment, in the order they first came.
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
    [HookPayloadTransformation]
    public object? InputObject { get; set; }

    // The payload's fields, one parameter each, named as Codex names them (ToolName is tool_name); what is not given
    // is filled as Codex fills it (new session and turn ids; cwd, model and permission mode from the configuration).
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
    [Parameter, ValidateSet("default", "acceptEdits", "plan", "dontAsk", "bypassPermissions")] public string? PermissionMode { get; set; }

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

    /// <summary>The most processes each hook may have at once, its shell included (a fork bomb stops there).</summary>
    [Parameter]
    [ValidateRange(4, 32768)]
    public int MaxProcesses { get; set; } = HookContainment.DefaultMaxProcesses;

    protected override void BeginProcessing()
    {
        try
        {
            HookInvocation.FindEvent(Event);
            if (LogPath is not null && !MyInvocation.BoundParameters.ContainsKey("WhatIf"))
            {
                HookInvocation.CheckLog(FileSystemPath.Unresolved(this, LogPath));
            }
        }
        catch (CodexIssueException ex)
        {
            ThrowIssue(ex.Issue);
        }
    }

    protected override void ProcessRecord()
    {
        CodexEnvironment environment = ResolveEnvironment();
        var batch = batches.FirstOrDefault(b => b.Environment == environment);
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
            Run(environment, keys);
        }
    }

    protected override void StopProcessing() => stopping.Cancel();

    private void Run(CodexEnvironment environment, List<string> keys)
    {
        ConfigStack stack = LoadStack(environment);
        HookRunPlan plan = Plan(stack, keys);
        foreach (CodexIssue issue in plan.Issues)
        {
            WriteIssue(issue);
        }

        string shown = plan.ShownPayload(IncludeSecret);
        IReadOnlyList<SelectedHook> confirmed = plan.Confirm(
            h => ShouldProcess(h.Hook.Key, $"Run `{h.Hook.Command}` (timeout {h.Hook.TimeoutSec}s, cwd {stack.Environment.ProjectPath}) with stdin {shown}"), out bool anyDeclined);
        if (anyDeclined && MyInvocation.BoundParameters.ContainsKey("WhatIf"))
        {
            return;
        }

        // Progress only when hooks run side by side; one hook's own timeout is its progress.
        int runnable = confirmed.Count(h => h.SkipReason is null);
        string activity = $"Invoke-CodexHook {plan.Event.Name}";
        if (runnable > 1)
        {
            WriteProgress(new ProgressRecord(1, activity, $"Running {runnable} hook(s)"));
        }

        string? logPath = LogPath is null ? null : FileSystemPath.Unresolved(this, LogPath);
        var options = new HookRunOptions
        {
            Environment = new HookEnvironmentOptions { PassAll = PassEnvironment.IsPresent, Add = PlainValue.ToStringMap(Environment) },
            MaxProcesses = MaxProcesses,
            Log = logPath is null ? null : new HookOutputLog(logPath, IncludeSecret),
        };
        CodexHookOutcome outcome;
        try
        {
            outcome = HookInvocation.Run(plan.Event, plan.Payload, confirmed, stack.Environment, IncludeSecret, options, stopping.Token);
        }
        finally
        {
            if (runnable > 1)
            {
                WriteProgress(new ProgressRecord(1, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        WriteObject(outcome.Results, enumerateCollection: true);
        WriteObject(outcome);
        if (logPath is not null && HookInvocation.Log(logPath, outcome, options.Log) is { } logIssue)
        {
            WriteIssue(logIssue);
        }
    }

    private HookRunPlan Plan(ConfigStack stack, List<string> keys)
    {
        JsonNode? toolInput = null;
        try
        {
            toolInput = JsonNodeConverter.From(ToolInput, parseJsonText: true);
        }
        catch (JsonException ex)
        {
            ThrowIssue(new CodexIssue(ErrorIds.HookInputInvalid, IssueKind.InvalidData, $"-ToolInput is not valid JSON: {ex.Message}", null, Target: "ToolInput"));
        }

        var request = new HookInvocationRequest
        {
            Event = Event,
            CodexVersion = RulesOf(ResolveInstallation(stack.Environment)),
            RecordedPayload = InputObject as RecordedHookPayload,
            Fields = new HookEventInput
            {
                SessionId = SessionId, TurnId = TurnId, TranscriptPath = TranscriptPath, Model = Model, PermissionMode = PermissionMode,
                ToolName = ToolName, ToolInput = toolInput, ToolResponse = JsonNodeConverter.From(ToolResponse, parseJsonText: false), ToolUseId = ToolUseId,
                Prompt = Prompt, Source = Source, Trigger = Trigger, AgentId = AgentId, AgentType = AgentType, AgentTranscriptPath = AgentTranscriptPath,
                StopHookActive = StopHookActive.IsPresent ? true : null, LastAssistantMessage = LastAssistantMessage, Reason = Reason,
            },
        };
        try
        {
            return HookInvocation.Plan(request, stack, IncludeUntrusted, keys);
        }
        catch (CodexIssueException ex)
        {
            ThrowIssue(ex.Issue);
            throw;
        }
    }
}
