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
                WriteIssue(new CodexIssue(ErrorIds.HookNotFound, IssueKind.NotFound,
                    $"No hook with the key '{key}' in this configuration.{NameSuggestions.Hint(key, inventory.Hooks.Select(h => h.Key))}",
                    stack.Environment.UserConfigPath, Target: key, RecommendedAction: "Run Get-CodexHook to see the keys."));
                continue;
            }

            try
            {
                string target = ExplicitTarget(stack) ?? stack.Environment.UserConfigPath;
                string action = Revoke ? $"Revoke trust in the {HookTrustEdit.Describe(hook)}" : $"Trust the {HookTrustEdit.Describe(hook)}";
                var steps = Revoke ? HookTrustEdit.Revoke(hook) : HookTrustEdit.Approve(hook);
                Stage(stack, target, action, key, steps);
            }
            catch (CodexIssueException ex)
            {
                WriteIssue(ex.Issue);
            }
        }
    }

    protected override IEnumerable<object> ReadBack(ConfigStack stack, IReadOnlyList<string> items)
    {
        var hooks = HookInventory.Read(stack).Hooks;
        return items.Select(key => hooks.FirstOrDefault(h => h.Key == key)).OfType<object>();
    }
}
