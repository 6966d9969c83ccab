using System.Management.Automation;
using Codex.Plugins.Configuration;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Plugins;
using Codex.Plugins.Plugins.Lifecycle;

namespace Codex.Plugins.Commands;

/// <summary>Uninstalls plugins as codex plugin remove does: the cache folder and the [plugins."p@m"] table go.</summary>
[Cmdlet(VerbsLifecycle.Uninstall, "CodexPlugin", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(CodexPlugin))]
public sealed class UninstallCodexPluginCommand : CodexEditCommandBase
{
    /// <summary>Plugin ids (plugin@marketplace); bound from Get-CodexPlugin output.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(PluginIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] PluginId { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        ConfigStack stack = LoadStack();
        foreach (string id in PluginId)
        {
            if (!PluginKey.TryParse(id, out PluginKey key))
            {
                WriteIssue(new CodexIssue(ErrorIds.PluginNotFound, IssueKind.InvalidData,
                    $"'{id}' is not a plugin id: Codex names plugins plugin@marketplace (letters, digits, - and _).", stack.Environment.UserConfigPath, Target: id,
                    RecommendedAction: "Run Get-CodexPlugin to see the ids."));
                continue;
            }

            string cache = PluginInstaller.CacheDirectory(stack.Environment, key);
            bool configured = stack.Get($"plugins.{TomlKey.Quote(key.ToString())}") is not null;
            if (!Directory.Exists(cache) && !configured)
            {
                var installed = InstalledPluginLocator.FromConfig(stack, new List<CodexIssue>()).Select(p => p.Key.ToString());
                IReadOnlyList<string> close = NameSuggestions.Closest(id, installed);
                WriteIssue(new CodexIssue(ErrorIds.PluginNotInstalled, IssueKind.NotFound,
                    $"Plugin '{id}' is not installed in {stack.Environment.CodexHome}.{(close.Count > 0 ? $" Did you mean: {string.Join(", ", close)}?" : string.Empty)}",
                    cache, Target: id, RecommendedAction: "Check the id with Get-CodexPlugin."));
                continue;
            }

            try
            {
                string target = ExplicitTarget(stack) ?? stack.Environment.UserConfigPath;
                string action = $"Uninstall plugin '{key}': delete {cache}; remove [plugins.\"{key}\"]";
                if (!configured && !ShouldProcess(action, $"{action}?", "Uninstall Codex plugin"))
                {
                    continue;
                }

                var steps = new[] { new ConfigEditOperation(ConfigEditKind.Remove, new[] { "plugins", key.ToString() }, null) };
                Stage(stack, target, action, key.ToString(), steps);
            }
            catch (CodexIssueException ex)
            {
                WriteIssue(ex.Issue with { Target = id });
            }
        }
    }

    /// <summary>
    /// The cache goes only once the configuration no longer names the plugin: a write that fails or is refused leaves
    /// both as they were, never a configured plugin whose files are gone.
    /// </summary>
    protected override void Committed(IReadOnlyCollection<(CodexEnvironment Environment, string Item)> done)
    {
        foreach (var (environment, id) in done)
        {
            try
            {
                if (PluginKey.TryParse(id, out PluginKey key))
                {
                    PluginInstaller.RemoveFromCache(environment, key);
                }
            }
            catch (CodexIssueException ex)
            {
                WriteIssue(ex.Issue with { Target = id });
            }
        }
    }

    protected override IEnumerable<object> ReadBack(ConfigStack stack, IReadOnlyList<string> items) =>
        PluginInventory.ReadBack(stack, items, includeAvailable: true);
}
