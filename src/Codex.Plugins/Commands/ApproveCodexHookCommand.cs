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
    private readonly HookLookup hooks = new();

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
        foreach (string key in Key)
        {
            TryItem(() =>
            {
                CodexHook hook = hooks.Find(stack, key);
                Stage(stack, ExplicitTarget(stack) ?? stack.Environment.UserConfigPath, HookTrustEdit.Action(hook, Revoke), key, HookTrustEdit.Steps(hook, Revoke));
            });
        }
    }

    protected override IEnumerable<object> ReadBack(ConfigStack stack, IReadOnlyList<string> items) => HookLookup.ReadBack(stack, items);
}
