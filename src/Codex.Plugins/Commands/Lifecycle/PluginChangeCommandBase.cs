using System.Management.Automation;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Plugins;

namespace Codex.Plugins.Commands;

/// <summary>
/// Install-CodexPlugin and Uninstall-CodexPlugin: -PluginId from the pipeline, each id staged as one config change
/// (a failure is that id's ErrorRecord, the others go on), the files written once at the end, then the cache work
/// that must wait for a written config, then -PassThru.
/// </summary>
public abstract class PluginChangeCommandBase : CodexEditCommandBase
{
    private readonly List<PluginChange> changed = new();

    /// <summary>Plugin ids (plugin@marketplace); bound from Get-CodexPlugin output.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(PluginIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] PluginId { get; set; } = Array.Empty<string>();

    /// <summary>Whether -PassThru reads the marketplaces too (an uninstalled plugin is still an available one).</summary>
    protected abstract bool PassThruIncludesAvailable { get; }

    /// <summary>
    /// Stages one id's config change through <see cref="CodexEditCommandBase.Stage(ConfigStack, string, string, string, IReadOnlyList{Configuration.Editing.ConfigEditOperation}, object)"/>
    /// with the returned change as its tag; null when there is nothing to do for it (declined, or an error written).
    /// Throws CodexIssueException for the id's failure.
    /// </summary>
    protected abstract PluginChange? StageOne(ConfigStack stack, string id);

    /// <summary>The work that waits for the config edit of these changes to be written (and only for those).</summary>
    protected virtual void AfterCommit(IReadOnlyList<PluginChange> committed)
    {
    }

    protected override void ProcessRecord()
    {
        ConfigStack stack = LoadStack();
        foreach (string id in PluginId)
        {
            try
            {
                if (StageOne(stack, id) is { } change)
                {
                    changed.Add(change);
                }
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
        var committed = changed.Where(c => done.Contains(c)).Distinct().ToList();
        AfterCommit(committed);
        if (PassThru)
        {
            WritePluginsBack(committed.Select(c => (c.Environment, c.Key.ToString())), committed.Select(c => (object)c.Key.ToString()).ToList(), PassThruIncludesAvailable);
        }
    }

    /// <summary>The error for text that is not a plugin id.</summary>
    protected static CodexIssue NotAPluginId(string id, string file) =>
        new(ErrorIds.PluginNotFound, IssueKind.InvalidData,
            $"'{id}' is not a plugin id: Codex names plugins plugin@marketplace (letters, digits, - and _).", file, Target: id,
            RecommendedAction: "Run Get-CodexPlugin to see the ids.");

    /// <summary>One plugin's change in one Codex home: the tag its config edit is staged with.</summary>
    protected sealed record PluginChange(CodexEnvironment Environment, PluginKey Key);
}
