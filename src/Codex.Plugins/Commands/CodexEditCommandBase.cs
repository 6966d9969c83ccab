using Codex.Plugins.Configuration.Editing;

namespace Codex.Plugins.Commands;

/// <summary>
/// What every cmdlet that changes configuration shares: where to write (-Scope, -ConfigPath), how (-Backup, -Force,
/// -LockTimeoutSec), -PassThru, and the bridge between the engine's <see cref="ConfigEditBatch"/> and ShouldProcess.
/// A cmdlet stages each item in ProcessRecord; the files are written once, in EndProcessing.
/// </summary>
public abstract class CodexEditCommandBase : CodexCommandBase
{
    private ConfigEditBatch? batch;
    // The last progress shown (staging, then each file's write); disposing it marks the command's progress completed.
    private IDisposable? progress;

    /// <summary>The layer to write: User ($CODEX_HOME/config.toml), Project (.codex/config.toml of the project root) or Profile (NAME.config.toml; needs -Profile).</summary>
    // A string with [ValidateSet], the module's rule for closed sets of values (see docs/architecture.md).
    [Parameter]
    [ValidateSet("User", "Project", "Profile", IgnoreCase = true)]
    public string? Scope { get; set; }

    /// <summary>Write this file instead of a scope's.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ConfigPath { get; set; }

    /// <summary>Keep the previous version beside the file as FILE.bak.</summary>
    [Parameter]
    public SwitchParameter Backup { get; set; }

    /// <summary>If the file changed since it was read, re-read it and apply the change to what is there now.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>How long to wait for another writer's lock on the file, in seconds.</summary>
    [Parameter]
    [ValidateRange(0, 3600)]
    public int LockTimeoutSec { get; set; } = 10;

    /// <summary>Return the changed objects as they now read.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>The file -ConfigPath or -Scope names, or null when neither was given.</summary>
    protected string? ExplicitTarget(ConfigStack stack) =>
        ConfigTarget.Explicit(stack, ConfigPath is null ? null : Path.GetFullPath(GetUnresolvedProviderPathFromPSPath(ConfigPath)), Scope);

    /// <summary>
    /// Stages one item's change, asking ShouldProcess with its diff, and says how that ended. Throws
    /// CodexIssueException when its file cannot be edited (does not parse, is a folder, changed since it was read, key
    /// shape unsupported).
    /// </summary>
    protected StagedChangeOutcome Stage(ConfigStack stack, string target, string action, string item, IReadOnlyList<ConfigEditOperation> steps)
    {
        batch ??= new ConfigEditBatch(new ConfigEditOptions { Force = Force, Backup = Backup, LockTimeout = TimeSpan.FromSeconds(LockTimeoutSec) });
        // -WhatIf prints the description and -Confirm asks the query: both carry the same (masked) diff.
        StagedChangeOutcome outcome = batch.Stage(stack, target, action, item, steps, change => ShouldProcess(change.Description, change.Query, "Change Codex configuration"));
        if (outcome == StagedChangeOutcome.AlreadySo)
        {
            WriteVerbose($"{action} in {Path.GetFullPath(target)}: already so, nothing to change.");
        }
        else if (outcome == StagedChangeOutcome.Staged)
        {
            progress = ShowProgress(MyInvocation.MyCommand.Name, $"Staged {batch.StagedCount} change(s)");
        }

        return outcome;
    }

    /// <summary>
    /// Takes back the change just staged for <paramref name="item"/> when the work it goes with failed (a plugin whose
    /// files could not be copied must not be enabled).
    /// </summary>
    protected void Unstage(string item) => batch?.Unstage(item);

    /// <summary>
    /// Called once the files are written, with the items whose change is now in place (none when every write
    /// failed): work that must follow a confirmed change, such as deleting what the configuration no longer names.
    /// </summary>
    protected virtual void Committed(IReadOnlyList<CommittedItem> done)
    {
    }

    /// <summary>The changed items as they read now, in the order of <paramref name="items"/>, from a fresh read.</summary>
    protected abstract IEnumerable<object> ReadBack(ConfigStack stack, IReadOnlyList<string> items);

    protected override void EndProcessing()
    {
        if (batch is null)
        {
            return;
        }

        foreach (ConfigBatchFileResult file in batch.Commit((path, percent) => progress = ShowProgress(MyInvocation.MyCommand.Name, $"Writing {path}", percent: percent)))
        {
            if (file.WrittenNote is { } written)
            {
                WriteVerbose(written);
            }

            WriteIssues(file.Notes.Concat(file.Errors));
        }

        progress?.Dispose();

        Committed(batch.InPlace);
        if (PassThru)
        {
            foreach (var group in batch.InPlace.GroupBy(s => s.Environment))
            {
                WriteObject(ReadBack(ConfigStack.Load(group.Key), group.Select(g => g.Item).Distinct(StringComparer.Ordinal).ToList()), enumerateCollection: true);
            }
        }
    }
}
