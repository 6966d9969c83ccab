using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Configuration.Editing;

/// <summary>
/// A change to many items across one or more configuration files. Items are staged one by one (so each can be shown
/// and confirmed with its own diff, through a callback that keeps ShouldProcess with the cmdlet), and each file is
/// written once, at the end, with every change confirmed for it: a thousand servers in one file are one atomic write,
/// not a thousand. A step that cannot be applied rolls back that item alone.
/// </summary>
public sealed class ConfigEditBatch
{
    private readonly Dictionary<string, PendingFile> files = new(StringComparer.Ordinal);
    private readonly ConfigEditOptions options;
    private readonly List<CommittedItem> inPlace = new();
    private int staged;

    public ConfigEditBatch(ConfigEditOptions options)
    {
        this.options = options;
    }

    /// <summary>Items staged so far (not counting those already so or declined).</summary>
    public int StagedCount { get; private set; }

    /// <summary>Files with at least one item staged or already so.</summary>
    public int FileCount => files.Count;

    /// <summary>
    /// After Commit: the items whose change is in place (staged or already so, in files that were written), once each,
    /// in the order they were staged. Work that must follow a confirmed change, and -PassThru, start from these.
    /// </summary>
    public IReadOnlyList<CommittedItem> InPlace => inPlace;

    /// <summary>
    /// Applies one item's steps to the pending edit of <paramref name="target"/> and, when they change the text, asks
    /// <paramref name="confirm"/> with the diff. Throws <see cref="CodexIssueException"/> when the file cannot be edited
    /// (does not parse, is a folder, changed since the stack read it, key shape unsupported).
    /// </summary>
    public StagedChangeOutcome Stage(ConfigStack stack, string target, string action, string item, IReadOnlyList<ConfigEditOperation> steps, Func<StagedChange, bool> confirm)
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

        var pending = new PendingItem(item, steps.Where(s => s.Kind == ConfigEditKind.Set).Select(s => s.Key.ToArray()).ToList(), mark, staged++);
        string diff = file.Edit.DiffSince(mark);
        if (diff.Length == 0)
        {
            file.Items.Add(pending);
            return StagedChangeOutcome.AlreadySo;
        }

        if (!confirm(new StagedChange(action, file.Edit.Path, diff)))
        {
            file.Edit.Rollback(mark);
            return StagedChangeOutcome.Declined;
        }

        file.Items.Add(pending);
        StagedCount++;
        return StagedChangeOutcome.Staged;
    }

    /// <summary>
    /// Takes back the item staged last under <paramref name="item"/>, when the work it goes with failed (a plugin whose
    /// files could not be copied must not be enabled). Only the last item of a file can be taken back; returns whether
    /// one was.
    /// </summary>
    public bool Unstage(string item)
    {
        foreach (PendingFile file in files.Values)
        {
            if (file.Items.Count > 0 && file.Items[^1].Name == item)
            {
                file.Edit.Rollback(file.Items[^1].Mark);
                file.Items.RemoveAt(file.Items.Count - 1);
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Writes every file with staged items, each atomically under its lock. A file that cannot be written fails its
    /// items alone (one error per item, its target the item), the other files are still written.
    /// </summary>
    public IReadOnlyList<ConfigBatchFileResult> Commit(Action<string, int>? progress = null)
    {
        var results = new List<ConfigBatchFileResult>();
        var done = new List<(PendingItem Item, CodexEnvironment Environment)>();
        int index = 0;
        foreach (PendingFile file in files.Values)
        {
            index++;
            if (file.Items.Count == 0)
            {
                // Nothing confirmed for this file (No at -Confirm, or -WhatIf): nothing to write, no progress to show.
                continue;
            }

            progress?.Invoke(file.Edit.Path, files.Count > 1 ? (index - 1) * 100 / files.Count : -1);

            try
            {
                ConfigEditResult result = file.Edit.Commit(options);
                var notes = ConfigTarget.Notes(file.Stack, file.Edit.Path)
                    .Concat(ConfigOverrides.Find(file.Stack, file.Edit.Path, file.Items.SelectMany(i => i.Keys)))
                    .ToList();
                results.Add(new ConfigBatchFileResult(file.Edit.Path, result, notes, file.Items.Select(i => i.Name).ToList(), Array.Empty<CodexIssue>()));
                done.AddRange(file.Items.Select(i => (i, file.Stack.Environment)));
            }
            catch (CodexIssueException ex)
            {
                // One record per item: each item's change failed, and scripts match errors to items by target.
                var errors = file.Items.Select(i => ex.Issue with { Target = i.Name }).ToList();
                results.Add(new ConfigBatchFileResult(file.Edit.Path, null, Array.Empty<CodexIssue>(), Array.Empty<string>(), errors));
            }
        }

        inPlace.Clear();
        inPlace.AddRange(done.OrderBy(d => d.Item.Order).Select(d => new CommittedItem(d.Environment, d.Item.Name)).Distinct());
        return results;
    }

    private PendingFile Open(ConfigStack stack, string target)
    {
        string full = Path.GetFullPath(target);
        if (!files.TryGetValue(full, out PendingFile? file))
        {
            // The layer as the stack read it is the basis: a change between that read and this one is a change on disk.
            TomlFile? basis = ConfigTarget.LayerOf(stack, full)?.File;
            file = new PendingFile(ConfigEdit.Open(full, basis, options.Force), stack);
            files[full] = file;
        }

        return file;
    }

    private sealed record PendingItem(string Name, IReadOnlyList<string[]> Keys, int Mark, int Order);

    private sealed record PendingFile(ConfigEdit Edit, ConfigStack Stack)
    {
        public List<PendingItem> Items { get; } = new();
    }
}
