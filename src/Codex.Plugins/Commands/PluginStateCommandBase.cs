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

    /// <summary>Plugin ids (plugin@marketplace); bound from Get-CodexPlugin output.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
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
            if (!PluginKey.TryParse(id, out PluginKey key))
            {
                WriteIssue(new CodexIssue(ErrorIds.PluginNotFound, IssueKind.InvalidData,
                    $"'{id}' is not a plugin id: Codex names plugins plugin@marketplace (letters, digits, - and _).",
                    stack.Environment.UserConfigPath, Target: id, RecommendedAction: "Run Get-CodexPlugin to see the ids."));
                continue;
            }

            var installed = inventory!.Plugins.Where(p => p.Installed).ToList();
            if (!installed.Any(p => string.Equals(p.PluginId, key.ToString(), StringComparison.Ordinal)))
            {
                IReadOnlyList<string> close = NameSuggestions.Closest(id, installed.Select(p => p.PluginId));
                string hint = close.Count > 0 ? $" Did you mean: {string.Join(", ", close)}?" : string.Empty;
                WriteIssue(new CodexIssue(ErrorIds.PluginNotInstalled, IssueKind.NotFound,
                    $"Plugin '{id}' is not installed in {stack.Environment.CodexHome}.{hint}",
                    InstalledPluginLocator.CacheRoot(stack.Environment), Target: id,
                    RecommendedAction: $"Install it first (codex plugin add {id}), or check the id with Get-CodexPlugin."));
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
