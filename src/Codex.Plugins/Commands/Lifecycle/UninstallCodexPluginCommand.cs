using System.Management.Automation;
using Codex.Plugins.Configuration;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Plugins;
using Codex.Plugins.Plugins.Lifecycle;

namespace Codex.Plugins.Commands;

/// <summary>
/// Uninstalls plugins as codex plugin remove does: the [plugins."p@m"] table and the cache folder go. The cache goes
/// only once the config edit is written: a write that fails or is refused (changed on disk, locked, a link the writer
/// will not follow) leaves both as they were, never a config that names a plugin whose files are gone.
/// </summary>
[Cmdlet(VerbsLifecycle.Uninstall, "CodexPlugin", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(CodexPlugin))]
public sealed class UninstallCodexPluginCommand : PluginChangeCommandBase
{
    protected override bool PassThruIncludesAvailable => true;

    protected override PluginChange? StageOne(ConfigStack stack, string id)
    {
        if (!PluginKey.TryParse(id, out PluginKey key))
        {
            throw new CodexIssueException(NotAPluginId(id, stack.Environment.UserConfigPath));
        }

        string cache = PluginInstaller.CacheDirectory(stack.Environment, key);
        bool configured = stack.Get($"plugins.{TomlKey.Quote(key.ToString())}") is not null;
        if (!Directory.Exists(cache) && !configured)
        {
            var installed = InstalledPluginLocator.FromConfig(stack, new List<CodexIssue>()).Select(p => p.Key.ToString());
            IReadOnlyList<string> close = NameSuggestions.Closest(id, installed);
            throw new CodexIssueException(new CodexIssue(ErrorIds.PluginNotInstalled, IssueKind.NotFound,
                $"Plugin '{id}' is not installed in {stack.Environment.CodexHome}.{(close.Count > 0 ? $" Did you mean: {string.Join(", ", close)}?" : string.Empty)}",
                cache, Target: id, RecommendedAction: "Check the id with Get-CodexPlugin."));
        }

        string target = ExplicitTarget(stack) ?? stack.Environment.UserConfigPath;
        string action = $"Uninstall plugin '{key}': delete {cache}; remove [plugins.\"{key}\"]";
        // Without a table to remove the config edit is empty and asks nothing: the cache deletion is asked here.
        if (!configured && !ShouldProcess(action, $"{action}?", "Uninstall Codex plugin"))
        {
            return null;
        }

        var change = new PluginChange(stack.Environment, key);
        var steps = new[] { new ConfigEditOperation(ConfigEditKind.Remove, new[] { "plugins", key.ToString() }, null) };
        return Stage(stack, target, action, key.ToString(), steps, change) ? change : null;
    }

    protected override void AfterCommit(IReadOnlyList<PluginChange> committed)
    {
        foreach (PluginChange change in committed)
        {
            try
            {
                PluginInstaller.RemoveFromCache(change.Environment, change.Key);
            }
            catch (CodexIssueException ex)
            {
                WriteIssue(ex.Issue);
            }
        }
    }
}
