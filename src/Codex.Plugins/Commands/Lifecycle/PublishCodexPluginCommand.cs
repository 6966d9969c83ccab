using Codex.Plugins.Marketplaces.Publishing;
using Codex.Plugins.Plugins;

namespace Codex.Plugins.Commands;

/// <summary>Adds or updates a plugin's entry in a local marketplace (its marketplace.json edited losslessly).</summary>
[Cmdlet(VerbsData.Publish, "CodexPlugin", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(CodexPluginPublication))]
public sealed class PublishCodexPluginCommand : CodexCommandBase
{
    /// <summary>The plugin folder; bound from Path (New-CodexPlugin, Test-CodexPlugin), PSPath (Get-Item) or Root (Get-CodexPlugin).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "Root")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>The marketplace: its root folder, or the name of a marketplace Codex reads (a local one).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ArgumentCompleter(typeof(MarketplaceNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Marketplace { get; set; } = string.Empty;

    [Parameter]
    [ValidateSet("AVAILABLE", "INSTALLED_BY_DEFAULT", "NOT_AVAILABLE", IgnoreCase = true)]
    public string? InstallPolicy { get; set; }

    [Parameter]
    [ValidateSet("ON_INSTALL", "ON_USE", IgnoreCase = true)]
    public string? AuthPolicy { get; set; }

    /// <summary>policy.products: the products that may install the plugin (CODEX for the Codex CLI).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Product { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Category { get; set; }

    /// <summary>How long to wait for another publisher of the same marketplace, in seconds.</summary>
    [Parameter]
    [ValidateRange(0, 3600)]
    public int LockTimeoutSec { get; set; } = 30;

    protected override void ProcessRecord()
    {
        string plugin = GetUnresolvedProviderPathFromPSPath(Path);
        string? root = ResolveMarketplace();
        if (root is null)
        {
            return;
        }

        var options = new PublishOptions
        {
            InstallPolicy = InstallPolicy?.ToUpperInvariant(),
            AuthPolicy = AuthPolicy?.ToUpperInvariant(),
            Products = Product,
            Category = Category,
            LockTimeout = TimeSpan.FromSeconds(LockTimeoutSec),
        };
        try
        {
            CodexPluginPublication plan = MarketplacePublisher.Plan(plugin, root, options);
            if (plan.Action == "Unchanged")
            {
                WriteVerbose($"{plan.PluginId} {plan.Version} is already published with the same files; nothing to change.");
                WriteObject(plan);
                return;
            }

            string copy = string.Equals(System.IO.Path.GetFullPath(plugin).TrimEnd('/'), plan.PluginPath.TrimEnd('/'), StringComparison.Ordinal)
                ? string.Empty
                : $"{Environment.NewLine}copy {plugin} to {plan.PluginPath}";
            string what = $"{plan.Action} {plan.PluginId} {plan.Version}{(plan.PreviousVersion is null ? string.Empty : $" (was {plan.PreviousVersion})")} in {plan.ManifestPath}";
            if (!ShouldProcess($"{what}{copy}{Environment.NewLine}{plan.Diff.TrimEnd('\n')}", $"{what}?", "Publish Codex plugin"))
            {
                return;
            }

            WriteObject(MarketplacePublisher.Publish(plugin, root, options));
        }
        catch (CodexIssueException ex)
        {
            WriteIssue(ex.Issue);
        }
    }

    private string? ResolveMarketplace()
    {
        string asPath = GetUnresolvedProviderPathFromPSPath(Marketplace);
        if (Directory.Exists(asPath))
        {
            return asPath;
        }

        var (marketplaces, _) = PluginInventory.ReadMarketplaces(LoadStack());
        if (marketplaces.FirstOrDefault(m => m.Name == Marketplace) is { } known)
        {
            return known.Root;
        }

        // Written as a path: a new marketplace is made there (its marketplace.json is created by the publish).
        if (Marketplace.IndexOfAny(new[] { '/', '\\' }) >= 0 || Marketplace.StartsWith('.') || Marketplace.StartsWith('~'))
        {
            return asPath;
        }

        WriteIssue(new CodexIssue(ErrorIds.MarketplaceNotFound, IssueKind.NotFound,
            $"'{Marketplace}' is neither a folder nor a marketplace Codex reads.{NameSuggestions.Hint(Marketplace, marketplaces.Select(m => m.Name))}",
            asPath, Target: Marketplace, RecommendedAction: "Give the marketplace's root folder (a path, created when missing), or a name Get-CodexMarketplace lists."));
        return null;
    }
}
