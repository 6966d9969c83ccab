using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Codex.Plugins.Configuration;
using Codex.Plugins.Plugins;

namespace Codex.Plugins.Commands;

/// <summary>
/// Completes -PluginId with the ids Codex knows in the home the command names (-CodexHome, else the default):
/// installed plugins for Uninstall-CodexPlugin, every marketplace entry otherwise.
/// </summary>
public sealed class PluginIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        ConfigStack stack = CompletionStack.Load(fakeBoundParameters);
        bool installedOnly = commandName.StartsWith("Uninstall-", StringComparison.OrdinalIgnoreCase);
        PluginInventory inventory = PluginInventory.Read(stack, includeAvailable: !installedOnly);
        string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return inventory.Plugins
            .Where(p => (!installedOnly || p.Installed) && p.PluginId.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Select(p => p.PluginId)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(id => new CompletionResult(id, id, CompletionResultType.ParameterValue, id));
    }
}

/// <summary>Completes -Marketplace with the names of the marketplaces Codex reads (and accepts folders as typed).</summary>
public sealed class MarketplaceNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        ConfigStack stack = CompletionStack.Load(fakeBoundParameters);
        string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return PluginInventory.ReadMarketplaces(stack).Marketplaces
            .Where(m => m.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Select(m => new CompletionResult(m.Name, m.Name, CompletionResultType.ParameterValue, m.Root));
    }
}

internal static class CompletionStack
{
    public static ConfigStack Load(IDictionary bound)
    {
        string? home = bound["CodexHome"] as string;
        string? project = bound["ProjectPath"] as string;
        return ConfigStack.Load(CodexEnvironment.FromProcess(home, project ?? Environment.CurrentDirectory));
    }
}
