using Codex.Plugins.Hooks;
using Codex.Plugins.Hooks.Execution;

namespace Codex.Plugins.Commands;

/// <summary>Gets the hook handlers Codex would list: every layer's hooks.json and [hooks], plugins, and managed hooks, with trust status.</summary>
[Cmdlet(VerbsCommon.Get, "CodexHook")]
[OutputType(typeof(CodexHook))]
public sealed class GetCodexHookCommand : CodexCommandBase
{
    private HashSet<string>? events;

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

    // The events named, in Codex's spelling; a name Codex does not know is a bad parameter.
    protected override void BeginProcessing() => events = FromParameters(() => Event?.Select(e => HookInvocation.FindEvent(e)!.Name).ToHashSet(StringComparer.Ordinal));

    protected override void ProcessRecord()
    {
        ConfigStack stack = LoadStack();
        HookInventory inventory = HookInventory.Read(stack);
        var plugins = new PluginSelection(PluginId, stack);
        WriteIssues(inventory.Issues.Where(plugins.Shows));
        var keys = new NameFilter(Key);
        WriteObject(inventory.Hooks.Where(h => (events is null || events.Contains(h.Event)) && plugins.Selects(h.PluginId) && keys.Matches(h.Key)), enumerateCollection: true);
        WriteIssues(keys.Unmatched.Select(wanted => inventory.NotFound(wanted, stack.Environment)));
    }
}
