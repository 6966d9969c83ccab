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
            if (total >= 50 && done % 25 == 0)
            {
                progress.StatusDescription = $"Plugin {done} of {total}";
                progress.PercentComplete = done * 100 / total;
                WriteProgress(progress);
            }
        });
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);

        foreach (CodexIssue issue in inventory.Issues)
        {
            WriteIssue(issue);
        }

        var nameFilter = new NameFilter(Name);
        var marketplaceFilter = new NameFilter(Marketplace);
        foreach (CodexPlugin plugin in inventory.Plugins)
        {
            if (marketplaceFilter.Matches(plugin.Marketplace) && nameFilter.Matches(plugin.Name, plugin.PluginId))
            {
                WriteObject(plugin);
            }
        }

        // Suggestions come from the plugins the marketplace filter lets through, so a near miss names a plugin the
        // user can actually get with the same -Marketplace.
        string[] candidates = inventory.Plugins.Where(p => marketplaceFilter.Matches(p.Marketplace)).Select(p => p.Name).Distinct().ToArray();
        foreach (string missing in nameFilter.Unmatched)
        {
            string hint = NameSuggestions.Hint(missing, candidates);
            string where = Available ? "in any marketplace" : "installed (use -Available to search the marketplaces)";
            if (Marketplace is not null)
            {
                where = $"{(Available ? "offered by" : "installed from")} marketplace {string.Join(", ", Marketplace)}";
            }

            WriteIssue(new CodexIssue(ErrorIds.PluginNotFound, IssueKind.NotFound, $"No plugin '{missing}' {where}.{hint}",
                InstalledPluginLocator.CacheRoot(stack.Environment), Target: missing));
        }

        foreach (string missing in marketplaceFilter.Unmatched)
        {
            string hint = NameSuggestions.Hint(missing, inventory.Marketplaces.Select(m => m.Name));
            WriteIssue(new CodexIssue(ErrorIds.MarketplaceNotFound, IssueKind.NotFound,
                $"No {(Available ? string.Empty : "installed ")}plugin comes from a marketplace '{missing}'.{hint}",
                InstalledPluginLocator.CacheRoot(stack.Environment), Target: missing));
        }
    }
}
