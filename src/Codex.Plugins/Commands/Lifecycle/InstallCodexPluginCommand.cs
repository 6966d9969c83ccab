using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Plugins;
using Codex.Plugins.Plugins.Lifecycle;

namespace Codex.Plugins.Commands;

/// <summary>
/// Installs plugins as codex plugin add does: the cache copy (of a local folder, or of a git source cloned as codex
/// clones it) and [plugins."p@m"] enabled = true.
/// </summary>
[Cmdlet(VerbsLifecycle.Install, "CodexPlugin", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(CodexPlugin))]
public sealed class InstallCodexPluginCommand : PluginChangeCommandBase, IDisposable
{
    private readonly List<(CodexEnvironment Environment, string Item, StagedPluginInstall Files)> stagedFiles = new();

    /// <summary>Plugin ids (plugin@marketplace); bound from Get-CodexPlugin -Available output.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(AvailablePluginIdCompleter))]
    [ValidateNotNullOrEmpty]
    public override string[] PluginId { get; set; } = Array.Empty<string>();

    protected override bool ReadsAvailable => false;

    protected override void Change(ConfigStack stack, string id)
    {
        PluginInstallPlan plan = PluginInstaller.Plan(stack, id);
        string action = plan.Describe();
        // Already enabled: the configuration does not change, the files do, so that is confirmed on its own.
        if (plan.AlreadyEnabled(stack) && !ShouldProcess(action, $"{action}?", "Install Codex plugin"))
        {
            return;
        }

        if (Stage(stack, TargetFile(stack), action, plan.Key.ToString(), plan.Steps) != StagedChangeOutcome.Declined)
        {
            StageFiles(stack, plan);
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
            Unstage(plan.Key.ToString());
            throw;
        }
    }

    /// <summary>
    /// The copy goes into the cache only once the configuration names the plugin: a write that fails or is refused
    /// leaves the cache as it was (no new version, no older version deleted), as Uninstall leaves it.
    /// </summary>
    protected override void Committed(IReadOnlyList<CommittedItem> done)
    {
        foreach (var (environment, id, files) in stagedFiles)
        {
            using (files)
            {
                if (done.Contains(new CommittedItem(environment, id)))
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
}
