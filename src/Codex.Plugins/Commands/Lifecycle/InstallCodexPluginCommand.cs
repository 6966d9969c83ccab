using System.Management.Automation;
using Codex.Plugins.Configuration;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Plugins;
using Codex.Plugins.Plugins.Lifecycle;

namespace Codex.Plugins.Commands;

/// <summary>Installs plugins as codex plugin add does: the cache copy and [plugins."p@m"] enabled = true.</summary>
[Cmdlet(VerbsLifecycle.Install, "CodexPlugin", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(CodexPlugin))]
public sealed class InstallCodexPluginCommand : CodexEditCommandBase
{
    private readonly List<(CodexEnvironment Environment, string Id)> changed = new();

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
                string copy = $"copy {plan.SourceRoot} to {plan.VersionDirectory}{(plan.ReplacedVersions.Count > 0 ? $" (replacing {string.Join(", ", plan.ReplacedVersions)})" : string.Empty)}";
                string action = $"Install plugin '{plan.Key}' {plan.Version}: {copy}; plugins.\"{plan.Key}\".enabled = true";
                bool alreadyEnabled = stack.Get($"plugins.{TomlKey.Quote(plan.Key.ToString())}.enabled") is TomlValueNode { Value: true };
                if (alreadyEnabled && !ShouldProcess(action, $"{action}?", "Install Codex plugin"))
                {
                    continue;
                }

                var steps = new[] { new ConfigEditOperation(ConfigEditKind.Set, plan.EnabledKey, TomlEditValue.Boolean(true)) };
                if (!Stage(stack, target, action, plan.Key.ToString(), steps, plan.Key.ToString()))
                {
                    continue;
                }

                PluginInstaller.CopyToCache(plan);
                changed.Add((stack.Environment, plan.Key.ToString()));
            }
            catch (CodexIssueException ex)
            {
                WriteIssue(ex.Issue with { Target = ex.Issue.Target ?? id });
            }
        }
    }

    protected override void EndProcessing()
    {
        IReadOnlyList<object> done = CommitStaged();
        if (PassThru)
        {
            WritePluginsBack(changed, done, includeAvailable: false);
        }
    }
}
