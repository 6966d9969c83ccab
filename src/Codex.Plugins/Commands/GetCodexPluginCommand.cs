using Codex.Plugins.Plugins;

namespace Codex.Plugins.Commands;

/// <summary>Gets installed Codex plugins, or with -Available every plugin the marketplaces offer.</summary>
[Cmdlet(VerbsCommon.Get, "CodexPlugin")]
[OutputType(typeof(CodexPlugin))]
public sealed class GetCodexPluginCommand : CodexCommandBase
{
    /// <summary>Plugin names or ids (name@marketplace); wildcards allowed.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PluginNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Only plugins of these marketplaces; wildcards allowed.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(MarketplaceNameCompleter))]
    public string[]? Marketplace { get; set; }

    /// <summary>Include every marketplace entry, installed or not (as codex plugin list --available).</summary>
    [Parameter]
    public SwitchParameter Available { get; set; }

    protected override void ProcessRecord()
    {
        ConfigStack stack = LoadStack();
        var progress = new ProgressRecord(1, "Reading Codex plugins", "Reading marketplaces");
        PluginInventory inventory = PluginInventory.Read(stack, Available, (done, total) =>
        {
            // Called from this thread at most every 200 ms while the plugins are read.
            if (total >= 50)
            {
                progress.StatusDescription = $"Plugin {done} of {total}";
                progress.PercentComplete = done * 100 / total;
                WriteProgress(progress);
            }
        });
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);

        WriteIssues(inventory.Issues);
        var nameFilter = new NameFilter(Name);
        var marketplaceFilter = new NameFilter(Marketplace);
        WriteObject(inventory.Plugins.Where(p => marketplaceFilter.Matches(p.Marketplace) && nameFilter.Matches(p.Name, p.PluginId)), enumerateCollection: true);
        WriteIssues(nameFilter.Unmatched.Select(missing => inventory.PluginNotFound(missing, Marketplace, Available, p => marketplaceFilter.Matches(p.Marketplace), stack.Environment)));
        WriteIssues(marketplaceFilter.Unmatched.Select(missing => inventory.NoPluginFromMarketplace(missing, Available, stack.Environment)));
    }
}
