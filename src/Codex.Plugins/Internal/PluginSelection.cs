using Codex.Plugins.Plugins;

namespace Codex.Plugins.Commands;

/// <summary>
/// -PluginId as every reader applies it. Objects: those of a plugin whose id matches (wildcards, as NameFilter).
/// Problems: one that belongs to a plugin (<see cref="PluginIssueOwner"/>) is shown when that plugin is selected; one
/// that belongs to no plugin is shown when it names no item either (a configuration file that cannot be read concerns
/// every plugin), and left out when it is about an item outside the plugins (a user's own server, skill or hook).
/// </summary>
internal sealed class PluginSelection
{
    private readonly NameFilter filter;
    private readonly Func<PluginIssueOwner> readOwners;
    private PluginIssueOwner? owners;

    public PluginSelection(IEnumerable<string>? pluginIds, ConfigStack stack)
    {
        filter = new NameFilter(pluginIds);
        readOwners = () => PluginIssueOwner.Read(stack);
    }

    public bool IsEmpty => filter.IsEmpty;

    public bool Selects(string? pluginId) => filter.IsEmpty || (pluginId is not null && filter.Selects(pluginId));

    public bool Shows(CodexIssue issue)
    {
        if (filter.IsEmpty)
        {
            return true;
        }

        owners ??= readOwners();
        return owners.Of(issue) is { } owner ? filter.Selects(owner) : issue.Target is null;
    }
}
