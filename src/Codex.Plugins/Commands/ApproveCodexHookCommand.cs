using System.Management.Automation;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Hooks;

namespace Codex.Plugins.Commands;

/// <summary>
/// The hook trust review: shows what each hook runs and records Codex's own hash of it in
/// [hooks.state."KEY"] trusted_hash, so Codex runs it; -Revoke takes the trust back.
/// </summary>
[Cmdlet(VerbsLifecycle.Approve, "CodexHook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(CodexHook))]
public sealed class ApproveCodexHookCommand : CodexEditCommandBase
{
    private readonly List<(CodexEnvironment Environment, string Key)> changed = new();
    private HookInventory? inventory;
    private ConfigStack? inventoryStack;

    /// <summary>Hook keys, as Get-CodexHook shows them; binds from Get-CodexHook output.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(HookKeyCompleter))]
    public string[] Key { get; set; } = Array.Empty<string>();

    /// <summary>Take the trust back: remove the hook's trusted_hash, so Codex skips it again.</summary>
    [Parameter]
    public SwitchParameter Revoke { get; set; }

    protected override void ProcessRecord()
    {
        ConfigStack stack = LoadStack();
        if (!ReferenceEquals(stack, inventoryStack))
        {
            inventory = HookInventory.Read(stack);
            inventoryStack = stack;
        }

        foreach (string key in Key)
        {
            CodexHook? hook = inventory!.Hooks.FirstOrDefault(h => string.Equals(h.Key, key, StringComparison.Ordinal));
            if (hook is null)
            {
                IReadOnlyList<string> close = NameSuggestions.Closest(key, inventory.Hooks.Select(h => h.Key));
                string hint = close.Count > 0 ? $" Did you mean: {string.Join(", ", close)}?" : string.Empty;
                WriteIssue(new CodexIssue(ErrorIds.HookNotFound, IssueKind.NotFound, $"No hook with the key '{key}' in this configuration.{hint}",
                    stack.Environment.UserConfigPath, Target: key, RecommendedAction: "Run Get-CodexHook to see the keys."));
                continue;
            }

            try
            {
                string target = ExplicitTarget(stack) ?? stack.Environment.UserConfigPath;
                string action = Revoke ? $"Revoke trust in the {HookTrustEdit.Describe(hook)}" : $"Trust the {HookTrustEdit.Describe(hook)}";
                var steps = Revoke ? HookTrustEdit.Revoke(hook) : HookTrustEdit.Approve(hook);
                if (Stage(stack, target, action, key, steps, key))
                {
                    changed.Add((stack.Environment, key));
                }
            }
            catch (CodexIssueException ex)
            {
                WriteIssue(ex.Issue);
            }
        }
    }

    protected override void EndProcessing()
    {
        var done = CommitStaged().OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (!PassThru)
        {
            return;
        }

        foreach (var group in changed.Where(c => done.Contains(c.Key)).GroupBy(c => c.Environment))
        {
            HookInventory now = HookInventory.Read(ConfigStack.Load(group.Key));
            foreach (string key in group.Select(g => g.Key).Distinct(StringComparer.Ordinal))
            {
                if (now.Hooks.FirstOrDefault(h => h.Key == key) is { } hook)
                {
                    WriteObject(hook);
                }
            }
        }
    }
}
