using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Plugins;

/// <summary>Finds and reads a plugin's manifest: .codex-plugin/plugin.json, else .claude-plugin/plugin.json.</summary>
public static class PluginManifestReader
{
    public static readonly string[] ManifestPaths = { ".codex-plugin/plugin.json", ".claude-plugin/plugin.json" };

    public static string? Locate(string pluginRoot) =>
        ManifestPaths.Select(p => Path.Combine(pluginRoot, p)).FirstOrDefault(File.Exists);

    /// <summary>The manifest, or null with an issue: without a readable manifest Codex loads nothing of the plugin.</summary>
    public static PluginManifestFile? Read(string pluginRoot, string target, out CodexIssue? issue)
    {
        issue = null;
        string? path = Locate(pluginRoot);
        if (path is null)
        {
            issue = new CodexIssue(ErrorIds.PluginManifestNotFound, IssueKind.NotFound,
                $"The plugin has no manifest ({string.Join(" or ", ManifestPaths)}); Codex loads nothing from it.",
                pluginRoot, Target: target, RecommendedAction: "Reinstall the plugin (codex plugin add), or add .codex-plugin/plugin.json.");
            return null;
        }

        try
        {
            return new PluginManifestFile(path, JsonFileReader.Read(path, ErrorIds.PluginManifestInvalid, FileSizeLimit.PluginJson));
        }
        catch (CodexIssueException ex)
        {
            issue = ex.Issue with
            {
                Message = ex.Issue.Message + " Codex loads nothing from this plugin.",
                Target = target,
                RecommendedAction = "Fix the JSON of the manifest, or reinstall the plugin.",
            };
            return null;
        }
    }
}
