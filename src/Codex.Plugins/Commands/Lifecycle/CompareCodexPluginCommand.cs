using Codex.Plugins.Plugins.Lifecycle;

namespace Codex.Plugins.Commands;

/// <summary>Compares two versions of a plugin: what changed, and what lets the newer one reach further.</summary>
[Cmdlet(VerbsData.Compare, "CodexPlugin")]
[OutputType(typeof(CodexPluginDifference))]
public sealed class CompareCodexPluginCommand : CodexCommandBase
{
    /// <summary>The older version's folder; bound from Root (an installed plugin's cached copy).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Root")]
    [ValidateNotNullOrEmpty]
    public string ReferencePath { get; set; } = string.Empty;

    /// <summary>The newer version's folder; bound from Source (the marketplace's copy of an installed plugin).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Source")]
    [ValidateNotNullOrEmpty]
    public string DifferencePath { get; set; } = string.Empty;

    /// <summary>The plugin's id, for the differences' Plugin property.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(PluginIdCompleter))]
    public string? PluginId { get; set; }

    /// <summary>Only the differences that widen what the plugin can reach.</summary>
    [Parameter]
    public SwitchParameter WidensReach { get; set; }

    protected override void ProcessRecord()
    {
        string reference = GetUnresolvedProviderPathFromPSPath(ReferencePath);
        string difference = GetUnresolvedProviderPathFromPSPath(DifferencePath);
        foreach (string folder in new[] { reference, difference })
        {
            if (!Directory.Exists(folder))
            {
                WriteIssue(new CodexIssue(ErrorIds.PluginNotFound, IssueKind.NotFound, $"No plugin folder at {folder}.", folder, Target: PluginId ?? folder,
                    RecommendedAction: "Give two plugin folders (two cached versions, or a cached copy and the marketplace's copy)."));
                return;
            }
        }

        foreach (CodexPluginDifference change in PluginComparison.Compare(reference, difference, PluginId, ResolveEnvironment()))
        {
            if (!WidensReach || change.WidensReach)
            {
                WriteObject(change);
            }
        }
    }
}
