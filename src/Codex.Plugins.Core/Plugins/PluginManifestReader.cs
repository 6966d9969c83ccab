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
        try
        {
            // Each place is opened straight away instead of asked about first: one system call less per plugin, which
            // is what reading a marketplace of 40,000 local plugins costs. A place with no file (or a folder) is passed
            // over, as Locate passes it over.
            foreach (string relative in ManifestPaths)
            {
                string path = Path.Combine(pluginRoot, relative);
                if (JsonFileReader.ReadIfFile(path, ErrorIds.PluginManifestInvalid, FileSizeLimit.PluginJson) is { } root)
                {
                    return new PluginManifestFile(path, root);
                }
            }

            issue = new CodexIssue(ErrorIds.PluginManifestNotFound, IssueKind.NotFound,
                $"The plugin has no manifest ({string.Join(" or ", ManifestPaths)}); Codex loads nothing from it.",
                pluginRoot, Target: target, RecommendedAction: "Reinstall the plugin (codex plugin add), or add .codex-plugin/plugin.json.");
            return null;
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
