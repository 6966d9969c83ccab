using System.Management.Automation;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Plugins;

namespace Codex.Plugins.Commands;

/// <summary>Enable-CodexPlugin and Disable-CodexPlugin: [plugins."p@m"] enabled = true or false.</summary>
public abstract class PluginStateCommandBase : CodexEditCommandBase
{
    private PluginInventory? inventory;
    private ConfigStack? inventoryStack;

    /// <summary>Plugin ids (plugin@marketplace), or the name of one installed plugin; bound from Get-CodexPlugin output.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PluginNameCompleter))]
    public string[] PluginId { get; set; } = Array.Empty<string>();

    /// <summary>The state to write.</summary>
    protected abstract bool Enabled { get; }

    protected override void ProcessRecord()
    {
        ConfigStack stack = LoadStack();
        if (!ReferenceEquals(stack, inventoryStack))
        {
            inventory = PluginInventory.Read(stack, includeAvailable: false);
            inventoryStack = stack;
        }

        foreach (string id in PluginId)
        {
            if (PluginStateEdit.FindInstalled(stack, inventory!, id, out CodexIssue? issue) is not { } key)
            {
                WriteIssue(issue!);
                continue;
            }

            try
            {
                string target = ExplicitTarget(stack) ?? stack.Environment.UserConfigPath;
                Stage(stack, target, PluginStateEdit.Describe(key, Enabled), key.ToString(), PluginStateEdit.Steps(key, Enabled));
            }
            catch (CodexIssueException ex)
            {
                WriteIssue(ex.Issue with { Target = id });
            }
        }
    }

    protected override IEnumerable<object> ReadBack(ConfigStack stack, IReadOnlyList<string> items) =>
        PluginInventory.ReadBack(stack, items, includeAvailable: false);
}
