using System.Management.Automation;
using Codex.Plugins.Configuration;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Plugins;

namespace Codex.Plugins.Commands;

/// <summary>Enable-CodexPlugin and Disable-CodexPlugin: [plugins."p@m"] enabled = true or false.</summary>
public abstract class PluginStateCommandBase : CodexEditCommandBase
{
    private readonly List<(CodexEnvironment Environment, string Id)> changed = new();
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

        var installed = inventory!.Plugins.Where(p => p.Installed).ToList();
        foreach (string id in PluginId)
        {
            var (resolved, problem) = PluginIdResolver.Resolve(id, installed, stack.Environment.CodexHome, InstalledPluginLocator.CacheRoot(stack.Environment));
            if (resolved is not PluginKey key)
            {
                WriteIssue(problem!);
                continue;
            }

            try
            {
                string target = ExplicitTarget(stack) ?? stack.Environment.UserConfigPath;
                var steps = new[] { (new[] { "plugins", key.ToString(), "enabled" }, TomlEditValue.Boolean(Enabled)) };
                string verb = Enabled ? "Enable" : "Disable";
                if (Stage(stack, target, $"{verb} plugin '{key}' (plugins.\"{key}\".enabled = {(Enabled ? "true" : "false")})", key.ToString(), steps, key.ToString()))
                {
                    changed.Add((stack.Environment, key.ToString()));
                }
            }
            catch (CodexIssueException ex)
            {
                WriteIssue(ex.Issue with { Target = id });
            }
        }
    }

    protected override void EndProcessing()
    {
        IReadOnlyList<object> done = CommitStaged();
        if (PassThru)
        {
            WritePluginsBack(changed, done, includeAvailable: false);
        }
    }
}
