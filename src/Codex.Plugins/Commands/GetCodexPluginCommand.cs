using System.Management.Automation;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
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

        // Suggestions come from the plugins the marketplace filter lets through, so a near miss names a plugin the
        // user can actually get with the same -Marketplace.
        string[] candidates = inventory.Plugins.Where(p => marketplaceFilter.Matches(p.Marketplace)).Select(p => p.Name).Distinct().ToArray();
        string where = Marketplace is not null ? $"{(Available ? "offered by" : "installed from")} marketplace {string.Join(", ", Marketplace)}"
            : Available ? "in any marketplace" : "installed (use -Available to search the marketplaces)";
        string cache = InstalledPluginLocator.CacheRoot(stack.Environment);
        WriteIssues(nameFilter.Unmatched.Select(missing => NameSuggestions.NotFound(ErrorIds.PluginNotFound, missing, $"No plugin '{missing}' {where}.", candidates, cache)));
        WriteIssues(marketplaceFilter.Unmatched.Select(missing => NameSuggestions.NotFound(ErrorIds.MarketplaceNotFound, missing,
            $"No {(Available ? string.Empty : "installed ")}plugin comes from a marketplace '{missing}'.", inventory.Marketplaces.Select(m => m.Name), cache)));
    }
}
