using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Plugins;

/// <summary>
/// Which installed plugin a problem belongs to: the plugin its target names (plugin@marketplace), else the plugin
/// whose cache folder holds its file, else none. Every reader's -PluginId keeps the problems of the plugins it selects
/// by this one rule (see PluginSelection in the module).
/// </summary>
public sealed class PluginIssueOwner
{
    private readonly (string PluginId, string Folder)[] folders;

    public PluginIssueOwner(IEnumerable<InstalledPlugin> plugins)
    {
        folders = plugins.Select(p => (p.Key.ToString(), p.CacheDirectory.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar)).ToArray();
    }

    /// <summary>The owners among the plugins the configuration names (the cache folders are where their files are read).</summary>
    public static PluginIssueOwner Read(ConfigStack stack) => new(InstalledPluginLocator.FromConfig(stack, new List<CodexIssue>()));

    /// <summary>The id of the plugin <paramref name="issue"/> belongs to, or null when it belongs to none.</summary>
    public string? Of(CodexIssue issue)
    {
        if (issue.Target is { } target && PluginKey.TryParse(target, out _))
        {
            return target;
        }

        if (issue.File is { } file)
        {
            foreach (var (pluginId, folder) in folders)
            {
                if (file.StartsWith(folder, StringComparison.Ordinal))
                {
                    return pluginId;
                }
            }
        }

        return null;
    }
}
