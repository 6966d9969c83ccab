using System.Management.Automation;
using Codex.Plugins.Configuration;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Plugins;

namespace Codex.Plugins.Commands;

/// <summary>
/// What every cmdlet that changes configuration shares: where to write (-Scope, -ConfigPath), how (-Backup, -Force,
/// -LockTimeoutSec), -PassThru, and the staging of each item's change through ShouldProcess. Items are staged one by
/// one (so -WhatIf shows each item's diff and -Confirm asks per item) and each file is written once, at the end,
/// with every change confirmed for it: a thousand servers in one file are one atomic write, not a thousand.
/// </summary>
public abstract class CodexEditCommandBase : CodexCommandBase
{
    private readonly Dictionary<string, PendingFile> files = new(StringComparer.Ordinal);
    private int staged;

    /// <summary>The layer to write: User ($CODEX_HOME/config.toml), Project (.codex/config.toml of the project root) or Profile (NAME.config.toml; needs -Profile).</summary>
    // A string, not the engine's ConfigScope: an enum-typed property would make PowerShell load the engine while
    // it reflects over the cmdlets, before the module's load context is in place.
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
    protected string? ExplicitTarget(ConfigStack stack)
    {
        if (ConfigPath is not null)
        {
            return Path.GetFullPath(GetUnresolvedProviderPathFromPSPath(ConfigPath));
        }

        return Scope is null ? null : ConfigTarget.PathFor(stack, Enum.Parse<ConfigScope>(Scope, ignoreCase: true));
    }

    /// <summary>
    /// Applies one item's steps to the pending edit of its file and asks ShouldProcess with the diff. Returns false
    /// when the user declined (or -WhatIf): the steps are rolled back. Throws CodexIssueException when the file
    /// cannot be edited (does not parse, is a folder, changed since it was read, key shape unsupported).
    /// </summary>
    protected bool Stage(ConfigStack stack, string target, string action, string itemName, IReadOnlyList<(string[] Key, TomlEditValue Value)> steps, object tag) =>
        Stage(stack, target, action, itemName, steps.Select(s => new ConfigEditOperation(ConfigEditKind.Set, s.Key, s.Value)).ToList(), tag);

    /// <summary>
    /// The same for any steps, sets and removals: e.g. Approve-CodexHook sets
    /// <c>hooks.state."KEY".trusted_hash</c>, and with -Revoke removes the <c>hooks.state."KEY"</c> table.
    /// </summary>
    protected bool Stage(ConfigStack stack, string target, string action, string itemName, IReadOnlyList<ConfigEditOperation> steps, object tag)
    {
        PendingFile file = Open(stack, target);
        int mark = file.Edit.Checkpoint();
        try
        {
            foreach (ConfigEditOperation step in steps)
            {
                if (step.Kind == ConfigEditKind.Set)
                {
                    file.Edit.Set(step.Key, step.Value!);
                }
                else
                {
                    file.Edit.Remove(step.Key);
                }
            }
        }
        catch (CodexIssueException)
        {
            file.Edit.Rollback(mark);
            throw;
        }

        var item = new PendingItem(itemName, steps.Where(s => s.Kind == ConfigEditKind.Set).Select(s => s.Key.ToArray()).ToList(), tag, mark);
        string diff = file.Edit.DiffSince(mark);
        if (diff.Length == 0)
        {
            WriteVerbose($"{action} in {file.Edit.Path}: already so, nothing to change.");
            file.Items.Add(item);
            return true;
        }

        string description = $"{action} in {file.Edit.Path}{Environment.NewLine}{diff.TrimEnd('\n')}";
        if (!ShouldProcess(description, $"{action} in {file.Edit.Path}?", "Change Codex configuration"))
        {
            file.Edit.Rollback(mark);
            return false;
        }

        file.Items.Add(item);
        staged++;
        ShowProgress($"Staged {staged} change(s)", -1);
        return true;
    }

    /// <summary>
    /// Takes back the change staged last with <paramref name="tag"/>, when the work it goes with failed (a plugin
    /// whose files could not be copied must not be enabled). Only the last item of its file can be taken back.
    /// </summary>
    protected void Unstage(object tag)
    {
        foreach (PendingFile file in files.Values)
        {
            if (file.Items.Count > 0 && Equals(file.Items[^1].Tag, tag))
            {
                file.Edit.Rollback(file.Items[^1].Mark);
                file.Items.RemoveAt(file.Items.Count - 1);
                return;
            }
        }
    }

    /// <summary>Writes every file with staged changes; returns the items whose change is in place.</summary>
    protected IReadOnlyList<object> CommitStaged()
    {
        var done = new List<object>();
        int index = 0;
        foreach (PendingFile file in files.Values)
        {
            ShowProgress($"Writing {file.Edit.Path}", files.Count > 1 ? index * 100 / files.Count : -1);
            index++;
            if (file.Items.Count == 0)
            {
                continue;
            }

            try
            {
                ConfigEditResult result = file.Edit.Commit(new ConfigEditOptions
                {
                    Force = Force,
                    Backup = Backup,
                    LockTimeout = TimeSpan.FromSeconds(LockTimeoutSec),
                });
                if (result.Written)
                {
                    WriteVerbose($"Wrote {result.Path}{(result.Retried ? " (re-read: it had changed on disk)" : string.Empty)}{(result.BackupPath is null ? string.Empty : $"; previous version in {result.BackupPath}")}.");
                }

                foreach (CodexIssue note in ConfigTarget.Notes(file.Stack, file.Edit.Path)
                    .Concat(ConfigOverrides.Find(file.Stack, file.Edit.Path, file.Items.SelectMany(i => i.Keys))))
                {
                    WriteIssue(note);
                }

                done.AddRange(file.Items.Select(i => i.Tag));
            }
            catch (CodexIssueException ex)
            {
                // One record per item: each item's change failed, and scripts match errors to items by target.
                foreach (PendingItem item in file.Items)
                {
                    WriteIssue(ex.Issue with { Target = item.Name });
                }
            }
        }

        var progress = new ProgressRecord(1, MyInvocation.MyCommand.Name, "Done") { RecordType = ProgressRecordType.Completed };
        WriteProgress(progress);
        return done;
    }

    private PendingFile Open(ConfigStack stack, string target)
    {
        string full = Path.GetFullPath(target);
        if (!files.TryGetValue(full, out PendingFile? file))
        {
            // The layer as the stack read it is the basis: a change between that read and this one is a change on disk.
            TomlFile? basis = ConfigTarget.LayerOf(stack, full)?.File;
            file = new PendingFile(ConfigEdit.Open(full, basis, Force), stack);
            files[full] = file;
        }

        return file;
    }

    private void ShowProgress(string status, int percent)
    {
        WriteProgress(new ProgressRecord(1, MyInvocation.MyCommand.Name, status) { PercentComplete = percent });
    }

    private sealed record PendingItem(string Name, IReadOnlyList<string[]> Keys, object Tag, int Mark);

    private sealed class PendingFile
    {
        public PendingFile(ConfigEdit edit, ConfigStack stack)
        {
            Edit = edit;
            Stack = stack;
        }

        public ConfigEdit Edit { get; }

        public ConfigStack Stack { get; }

        public List<PendingItem> Items { get; } = new();
    }

    /// <summary>
    /// For -PassThru of the plugin changes: the plugins whose change is in place (their ids are the committed items),
    /// read again as Codex now sees them, one read per Codex home.
    /// </summary>
    protected void WritePluginsBack(IEnumerable<(CodexEnvironment Environment, string Id)> changed, IReadOnlyList<object> done, bool includeAvailable)
    {
        var committed = done.OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var group in changed.Where(c => committed.Contains(c.Id)).GroupBy(c => c.Environment))
        {
            PluginInventory now = PluginInventory.Read(ConfigStack.Load(group.Key), includeAvailable);
            foreach (string id in group.Select(g => g.Id).Distinct(StringComparer.Ordinal))
            {
                if (now.Plugins.FirstOrDefault(p => p.PluginId == id) is { } plugin)
                {
                    WriteObject(plugin);
                }
            }
        }
    }
}
