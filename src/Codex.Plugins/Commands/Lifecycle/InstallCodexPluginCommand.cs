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
public sealed class InstallCodexPluginCommand : CodexEditCommandBase, IDisposable
{
    private readonly List<(CodexEnvironment Environment, string Item, StagedPluginInstall Files)> stagedFiles = new();

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
                if (Stage(stack, target, action, plan.Key.ToString(), steps) != StagedChangeOutcome.Declined)
                {
                    StageFiles(stack, plan);
                }
            }
            catch (CodexIssueException ex)
            {
                WriteIssue(ex.Issue with { Target = ex.Issue.Target ?? id });
            }
        }
    }

    /// <summary>
    /// The files are copied (a git source fetched) now, beside the cache, so a fetch or copy that fails takes back the
    /// enabled = true before anything is written; they move into the cache only in <see cref="Committed"/>.
    /// </summary>
    private void StageFiles(ConfigStack stack, PluginInstallPlan plan)
    {
        try
        {
            var files = PluginInstaller.StageInCache(stack.Environment, plan);
            stagedFiles.Add((stack.Environment, plan.Key.ToString(), files));
        }
        catch (CodexIssueException)
        {
            // No files, no enabled = true: the config must not name a plugin that is not there.
            Unstage(stack, plan.Key.ToString());
            throw;
        }
    }

    /// <summary>
    /// The copy goes into the cache only once the configuration names the plugin: a write that fails or is refused
    /// leaves the cache as it was (no new version, no older version deleted), as Uninstall leaves it.
    /// </summary>
    protected override void Committed(IReadOnlyCollection<(CodexEnvironment Environment, string Item)> done)
    {
        foreach (var (environment, id, files) in stagedFiles)
        {
            using (files)
            {
                if (done.Contains((environment, id)))
                {
                    try
                    {
                        files.MoveIntoPlace();
                    }
                    catch (CodexIssueException ex)
                    {
                        WriteIssue(ex.Issue with { Target = id });
                    }
                }
            }
        }

        stagedFiles.Clear();
    }

    /// <summary>A pipeline stopped before the write (Ctrl+C, a terminating error) leaves no staged copy behind.</summary>
    public void Dispose()
    {
        foreach (var (_, _, files) in stagedFiles)
        {
            files.Dispose();
        }

        stagedFiles.Clear();
    }

    protected override IEnumerable<object> ReadBack(ConfigStack stack, IReadOnlyList<string> items) =>
        PluginInventory.ReadBack(stack, items, includeAvailable: false);
}
