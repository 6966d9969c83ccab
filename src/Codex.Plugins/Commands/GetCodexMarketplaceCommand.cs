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
        WriteIssues(issues);
        var filter = new NameFilter(Name);
        WriteObject(marketplaces.Where(m => filter.Matches(m.Name)), enumerateCollection: true);
        WriteIssues(filter.Unmatched.Select(missing => PluginInventory.MarketplaceNotFound(missing, marketplaces, stack.Environment)));
    }
}
