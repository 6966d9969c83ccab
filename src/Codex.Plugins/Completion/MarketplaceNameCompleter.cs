namespace Codex.Plugins.Commands;

public sealed class MarketplaceNameCompleter : CodexNameCompleter
{
    protected override string Kind => "Marketplace";
}
