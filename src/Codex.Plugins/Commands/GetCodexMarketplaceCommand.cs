using System.Management.Automation;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Plugins;

namespace Codex.Plugins.Commands;

/// <summary>Gets the plugin marketplaces Codex reads, with their entries.</summary>
[Cmdlet(VerbsCommon.Get, "CodexMarketplace")]
[OutputType(typeof(CodexMarketplace))]
public sealed class GetCodexMarketplaceCommand : CodexCommandBase
{
    /// <summary>Marketplace names; wildcards allowed.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(MarketplaceNameCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        ConfigStack stack = LoadStack();
        var (marketplaces, issues) = PluginInventory.ReadMarketplaces(stack);
        foreach (CodexIssue issue in issues)
        {
            WriteIssue(issue);
        }

        var filter = new NameFilter(Name);
        foreach (CodexMarketplace marketplace in marketplaces)
        {
            if (filter.Matches(marketplace.Name))
            {
                WriteObject(marketplace);
            }
        }

        foreach (string missing in filter.Unmatched)
        {
            string hint = NameSuggestions.Hint(missing, marketplaces.Select(m => m.Name));
            WriteIssue(new CodexIssue(ErrorIds.MarketplaceNotFound, IssueKind.NotFound, $"No marketplace named '{missing}'.{hint}",
                stack.Environment.UserConfigPath, Target: missing, RecommendedAction: "Add one with codex plugin marketplace add <source>."));
        }
    }
}
