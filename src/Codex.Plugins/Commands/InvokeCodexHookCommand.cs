using Codex.Plugins.Hooks;
using Codex.Plugins.Hooks.Execution;
using Codex.Plugins.Internal;
using Codex.Plugins.Versions;

namespace Codex.Plugins.Commands;

/// <summary>
/// Runs the hooks Codex would run for one event, with the stdin payload Codex would send, and reports each handler's
/// result and the decision Codex would take.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "CodexHook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(CodexHookResult), typeof(CodexHookOutcome))]
public sealed class InvokeCodexHookCommand : CodexVersionedCommandBase
{
    // Keys piped from several homes or projects: one run per environment, in the order they first came.
    private readonly EnvironmentGroups<string> batches = new();

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
    [Parameter, ArgumentCompleter(typeof(SessionIdCompleter))] public string? SessionId { get; set; }
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

    protected override void BeginProcessing() =>
        CheckParameters(() => HookInvocation.CheckParameters(Event, IsBound("WhatIf") ? null : ProviderPath(LogPath)));

    protected override void ProcessRecord() => batches.For(ResolveEnvironment()).AddRange(Key ?? Array.Empty<string>());

    protected override void EndProcessing()
    {
        foreach (var (environment, keys) in batches)
        {
            Run(environment, keys);
        }
    }

    private void Run(CodexEnvironment environment, List<string> keys)
    {
        ConfigStack stack = LoadStack(environment);
        HookRunPlan plan = FromParameters(() => HookInvocation.Plan(Request(stack), stack, IncludeUntrusted, keys));
        WriteIssues(plan.Issues);
        IReadOnlyList<SelectedHook> confirmed = plan.Confirm(stack.Environment, IncludeSecret, ShouldProcess, out bool anyDeclined);
        if (anyDeclined && IsBound("WhatIf"))
        {
            return;
        }

        var options = new HookRunOptions
        {
            Environment = new HookEnvironmentOptions { PassAll = PassEnvironment.IsPresent, Add = PlainValue.ToStringMap(Environment) },
            MaxProcesses = MaxProcesses,
        };
        // Progress only when hooks run side by side; one hook's own timeout is its progress.
        int runnable = confirmed.Count(h => h.SkipReason is null);
        var run = WithProgress($"Invoke-CodexHook {plan.Event.Name}", $"Running {runnable} hook(s)", runnable > 1,
            () => HookInvocation.Run(plan, confirmed, stack.Environment, IncludeSecret, options, ProviderPath(LogPath), StopToken));
        WriteObject(run.Outcome.Results, enumerateCollection: true);
        WriteObject(run.Outcome);
        WriteIssues(run.LogIssues);
    }

    // The payload's fields as bound; -ToolInput as JSON text is read by the hook engine.
    private HookInvocationRequest Request(ConfigStack stack) => new()
    {
        Event = Event,
        CodexVersion = CodexVersionChoice.RulesOf(ResolveInstallation(stack.Environment)),
        RecordedPayload = InputObject as RecordedHookPayload,
        Fields = new HookEventInput
        {
            SessionId = SessionId, TurnId = TurnId, TranscriptPath = TranscriptPath, Model = Model, PermissionMode = PermissionMode,
            ToolName = ToolName, ToolInput = JsonNodeConverter.From(ToolInput, parseJsonText: false), ToolResponse = JsonNodeConverter.From(ToolResponse, parseJsonText: false),
            ToolUseId = ToolUseId, Prompt = Prompt, Source = Source, Trigger = Trigger, AgentId = AgentId, AgentType = AgentType, AgentTranscriptPath = AgentTranscriptPath,
            StopHookActive = StopHookActive.IsPresent ? true : null, LastAssistantMessage = LastAssistantMessage, Reason = Reason,
        },
    };
}
