using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Plugins;

/// <summary>
/// Finds the installed plugin a change names (Enable-/Disable-CodexPlugin), reading the plugin inventory at most once
/// per configuration stack, as <see cref="Hooks.HookLookup"/> does for hooks: twenty ids piped in are one read.
/// </summary>
public sealed class InstalledPluginLookup
{
    private readonly PerStack<PluginInventory> inventory = new();

    /// <summary>The key of the installed plugin <paramref name="id"/> names; otherwise the issue of <see cref="PluginStateEdit.FindInstalled"/>, thrown.</summary>
    public PluginKey Find(ConfigStack stack, string id)
    {
        PluginInventory installed = inventory.Get(stack, s => PluginInventory.Read(s, includeAvailable: false));
        return PluginStateEdit.FindInstalled(stack, installed, id, out CodexIssue? issue) ?? throw new CodexIssueException(issue!);
    }
}
