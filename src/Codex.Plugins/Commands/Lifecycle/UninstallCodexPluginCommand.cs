using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Plugins;
using Codex.Plugins.Plugins.Lifecycle;

namespace Codex.Plugins.Commands;

/// <summary>Uninstalls plugins as codex plugin remove does: the cache folder and the [plugins."p@m"] table go.</summary>
[Cmdlet(VerbsLifecycle.Uninstall, "CodexPlugin", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(CodexPlugin))]
public sealed class UninstallCodexPluginCommand : PluginChangeCommandBase
{
    /// <summary>Plugin ids (plugin@marketplace); bound from Get-CodexPlugin output.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(PluginIdCompleter))]
    [ValidateNotNullOrEmpty]
    public override string[] PluginId { get; set; } = Array.Empty<string>();

    protected override bool ReadsAvailable => true;

    protected override void Change(ConfigStack stack, string id)
    {
        PluginRemovalPlan plan = PluginInstaller.PlanRemoval(stack, id);
        string action = plan.Describe();
        // Cached but not configured: the configuration does not change, the files do, so that is confirmed on its own.
        if (!plan.Configured && !ShouldProcess(action, $"{action}?", "Uninstall Codex plugin"))
        {
            return;
        }

        Stage(stack, TargetFile(stack), action, plan.Key.ToString(), plan.Steps);
    }

    /// <summary>
    /// The cache goes only once the configuration no longer names the plugin: a write that fails or is refused leaves
    /// both as they were, never a configured plugin whose files are gone.
    /// </summary>
    protected override void Committed(IReadOnlyList<CommittedItem> done)
    {
        foreach (var (environment, id) in done)
        {
            try
            {
                if (PluginKey.TryParse(id, out PluginKey key))
                {
                    PluginInstaller.RemoveFromCache(environment, key);
                }
            }
            catch (CodexIssueException ex)
            {
                WriteIssue(ex.Issue with { Target = id });
            }
        }
    }
}
