using Codex.Plugins.Plugins;

namespace Codex.Plugins.Commands;

/// <summary>
/// Install-, Uninstall-, Enable- and Disable-CodexPlugin: each -PluginId is changed on its own in the file -Scope or
/// -ConfigPath names (else the user's config.toml); an id that cannot be changed is one error whose target is that id,
/// and the others go on. -PassThru reads the plugins back as Get-CodexPlugin shows them.
/// </summary>
public abstract class PluginChangeCommandBase : CodexEditCommandBase
{
    /// <summary>Plugin ids (plugin@marketplace); each cmdlet declares it with the ids it completes.</summary>
    public abstract string[] PluginId { get; set; }

    /// <summary>Whether -PassThru reads plugins the marketplaces offer but the home does not have (an uninstalled one).</summary>
    protected abstract bool ReadsAvailable { get; }

    protected override void ProcessRecord()
    {
        ConfigStack stack = LoadStack();
        foreach (string id in PluginId)
        {
            TryItem(() => Change(stack, id), target: id);
        }
    }

    /// <summary>Plans, confirms and stages the change of one id; throws <see cref="CodexIssueException"/> when it cannot be made.</summary>
    protected abstract void Change(ConfigStack stack, string id);

    /// <summary>The file to change: the one -ConfigPath or -Scope names, else the user's config.toml.</summary>
    protected string TargetFile(ConfigStack stack) => ExplicitTarget(stack) ?? stack.Environment.UserConfigPath;

    protected override IEnumerable<object> ReadBack(ConfigStack stack, IReadOnlyList<string> items) =>
        PluginInventory.ReadBack(stack, items, ReadsAvailable);
}
