using System.Management.Automation;
using Codex.Plugins.Configuration;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Plugins;
using Codex.Plugins.Plugins.Lifecycle;

namespace Codex.Plugins.Commands;

/// <summary>
/// Installs plugins as codex plugin add does: the cache copy (of a local folder, or of a git source cloned as codex
/// clones it) and [plugins."p@m"] enabled = true.
/// </summary>
[Cmdlet(VerbsLifecycle.Install, "CodexPlugin", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(CodexPlugin))]
public sealed class InstallCodexPluginCommand : CodexEditCommandBase
{
    /// <summary>Plugin ids (plugin@marketplace); bound from Get-CodexPlugin -Available output.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(AvailablePluginIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] PluginId { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        ConfigStack stack = LoadStack();
        foreach (string id in PluginId)
        {
            try
            {
                PluginInstallPlan plan = PluginInstaller.Plan(stack, id);
                string target = ExplicitTarget(stack) ?? stack.Environment.UserConfigPath;
                string action = plan.Describe();
                bool alreadyEnabled = stack.Get($"plugins.{TomlKey.Quote(plan.Key.ToString())}.enabled") is TomlValueNode { Value: true };
                if (alreadyEnabled && !ShouldProcess(action, $"{action}?", "Install Codex plugin"))
                {
                    continue;
                }

                var steps = new[] { new ConfigEditOperation(ConfigEditKind.Set, plan.EnabledKey, TomlEditValue.Boolean(true)) };
                // The files are in place before the configuration names them, as codex plugin add does.
                if (Stage(stack, target, action, plan.Key.ToString(), steps) != StagedChangeOutcome.Declined)
                {
                    try
                    {
                        PluginInstaller.CopyToCache(stack.Environment, plan);
                    }
                    catch (CodexIssueException)
                    {
                        // No files, no enabled = true: the config must not name a plugin that is not there.
                        Unstage(stack, plan.Key.ToString());
                        throw;
                    }
                }
            }
            catch (CodexIssueException ex)
            {
                WriteIssue(ex.Issue with { Target = ex.Issue.Target ?? id });
            }
        }
    }

    protected override IEnumerable<object> ReadBack(ConfigStack stack, IReadOnlyList<string> items) =>
        PluginInventory.ReadBack(stack, items, includeAvailable: false);
}
