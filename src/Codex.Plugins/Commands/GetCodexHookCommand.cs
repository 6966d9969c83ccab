using System.Management.Automation;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Hooks;

namespace Codex.Plugins.Commands;

/// <summary>Gets the hook handlers Codex would list: every layer's hooks.json and [hooks], plugins, and managed hooks, with trust status.</summary>
[Cmdlet(VerbsCommon.Get, "CodexHook")]
[OutputType(typeof(CodexHook))]
public sealed class GetCodexHookCommand : CodexCommandBase
{
    /// <summary>Hook keys (as in [hooks.state."KEY"]); wildcards allowed, and a key is also taken literally.</summary>
    // Not bound from the pipeline: a piped plugin's Name is not a hook key.
    [Parameter(Position = 0)]
    [Alias("Name")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(HookKeyCompleter))]
    public string[]? Key { get; set; }

    /// <summary>Only hooks for these events.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(HookEventCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Event { get; set; }

    /// <summary>Only hooks of these plugins (p@m); binds from Get-CodexPlugin output.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [AllowNull]
    [AllowEmptyCollection]
    [ArgumentCompleter(typeof(PluginIdCompleter))]
    public string[]? PluginId { get; set; }

    protected override void BeginProcessing()
    {
        foreach (string e in Event ?? Array.Empty<string>())
        {
            if (HookEvent.Find(e) is null)
            {
                ThrowIssue(new CodexIssue(ErrorIds.HookInputInvalid, IssueKind.InvalidData,
                    $"Codex 0.169.0 has no hook event '{e}'.", null, Target: e,
                    RecommendedAction: $"Use one of: {string.Join(", ", HookEvent.Names)}."));
            }
        }
    }

    protected override void ProcessRecord()
    {
        ConfigStack stack = LoadStack();
        HookInventory inventory = HookInventory.Read(stack);
        var plugins = new PluginSelection(PluginId, stack);
        foreach (CodexIssue issue in inventory.Issues.Where(plugins.Shows))
        {
            WriteIssue(issue);
        }

        var events = Event?.Select(e => HookEvent.Find(e)!.Name).ToHashSet(StringComparer.Ordinal);
        var keys = new NameFilter(Key);
        foreach (CodexHook hook in inventory.Hooks)
        {
            if (events is not null && !events.Contains(hook.Event))
            {
                continue;
            }

            if (!plugins.Selects(hook.PluginId))
            {
                continue;
            }

            if (!keys.Matches(hook.Key))
            {
                continue;
            }

            WriteObject(hook);
        }

        foreach (string wanted in keys.Unmatched)
        {
            string hint = NameSuggestions.Hint(wanted, inventory.Hooks.Select(h => h.Key));
            WriteIssue(new CodexIssue(ErrorIds.HookNotFound, IssueKind.NotFound, $"No hook with key '{wanted}'.{hint}", stack.Environment.UserConfigPath, Target: wanted,
                RecommendedAction: "Run Get-CodexHook without -Key to list the hooks Codex knows."));
        }
    }
}
