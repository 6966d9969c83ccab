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
    private readonly List<(CodexEnvironment Environment, string Id)> changed = new();

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
                if (!Stage(stack, target, action, key.ToString(), steps, key.ToString()))
                {
                    continue;
                }

                PluginInstaller.RemoveFromCache(stack.Environment, key);
                changed.Add((stack.Environment, key.ToString()));
            }
            catch (CodexIssueException ex)
            {
                WriteIssue(ex.Issue with { Target = id });
            }
        }
    }

    protected override void EndProcessing()
    {
        var done = CommitStaged().OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (!PassThru)
        {
            return;
        }

        foreach (var group in changed.Where(c => done.Contains(c.Id)).GroupBy(c => c.Environment))
        {
            PluginInventory now = PluginInventory.Read(ConfigStack.Load(group.Key), includeAvailable: true);
            foreach (string id in group.Select(g => g.Id).Distinct(StringComparer.Ordinal))
            {
                if (now.Plugins.FirstOrDefault(p => p.PluginId == id) is { } plugin)
                {
                    WriteObject(plugin);
                }
            }
        }
    }
}
