using System.Management.Automation;
using Codex.Plugins.Configuration;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Plugins.Lifecycle;

namespace Codex.Plugins.Commands;

/// <summary>
/// Installs plugins as codex plugin add does: the cache copy (of a local folder, or of a git source cloned as codex
/// clones it) and [plugins."p@m"] enabled = true. The copy is made before the config names it, so a config never
/// enables a plugin whose files are missing.
/// </summary>
[Cmdlet(VerbsLifecycle.Install, "CodexPlugin", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(CodexPlugin))]
public sealed class InstallCodexPluginCommand : PluginChangeCommandBase
{
    protected override bool PassThruIncludesAvailable => false;

    protected override PluginChange? StageOne(ConfigStack stack, string id)
    {
        PluginInstallPlan plan = PluginInstaller.Plan(stack, id);
        string target = ExplicitTarget(stack) ?? stack.Environment.UserConfigPath;
        string action = plan.Describe();
        bool alreadyEnabled = stack.Get($"plugins.{TomlKey.Quote(plan.Key.ToString())}.enabled") is TomlValueNode { Value: true };
        if (alreadyEnabled && !ShouldProcess(action, $"{action}?", "Install Codex plugin"))
        {
            return null;
        }

        var change = new PluginChange(stack.Environment, plan.Key);
        var steps = new[] { new ConfigEditOperation(ConfigEditKind.Set, plan.EnabledKey, TomlEditValue.Boolean(true)) };
        if (!Stage(stack, target, action, plan.Key.ToString(), steps, change))
        {
            return null;
        }

        try
        {
            PluginInstaller.CopyToCache(stack.Environment, plan);
        }
        catch (CodexIssueException)
        {
            Unstage(change);
            throw;
        }

        return change;
    }
}
