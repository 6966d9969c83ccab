using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Plugins;

namespace Codex.Plugins.Hooks;

/// <summary>
/// Where a plugin's hooks are, as Codex 0.169.0 finds them, for every reader (Get-CodexHook, Get-CodexPlugin's
/// HookFiles, Test-CodexPlugin, Compare-CodexPlugin): the manifest's "hooks" (a path, one inline object, or a list of
/// paths or of inline objects), else hooks/hooks.json when it exists. A path leaving the plugin folder and a list that
/// mixes paths and objects are warnings: Codex loads no hook from them.
/// </summary>
public static class PluginHookSources
{
    public static IReadOnlyList<PluginHookSource> Resolve(string root, string pluginId, PluginManifestFile manifest, ICollection<CodexIssue> issues)
    {
        TomlNode? declared = manifest.Root["hooks"];
        string manifestName = Path.GetFileName(manifest.Path);
        var found = new List<PluginHookSource>();

        void AddFile(string path) => found.Add(new PluginHookSource(Path.GetRelativePath(root, path).Replace('\\', '/'), path, null));

        void AddPath(TomlNode node, string text)
        {
            string? resolved = PluginPath.Resolve(root, text, out string? problem);
            if (resolved is null)
            {
                issues.Add(new CodexIssue(ErrorIds.PluginPathInvalid, IssueKind.Warning, $"hooks {problem}; Codex ignores it.", manifest.Path, node.Location.Line, node.Location.Column, pluginId,
                    "Write plugin paths as ./relative/path inside the plugin folder (no '..', not absolute)."));
                return;
            }

            AddFile(resolved);
        }

        void AddInline(TomlTableNode table, int index) => found.Add(new PluginHookSource($"{manifestName}#hooks[{index}]", manifest.Path, table));

        switch (declared)
        {
            case null or JsonNullNode:
                string defaultFile = Path.Combine(root, "hooks", "hooks.json");
                if (Configuration.PathProbe.FileExists(defaultFile))
                {
                    AddFile(defaultFile);
                }

                break;
            case TomlValueNode { Value: string one }:
                AddPath(declared, one);
                break;
            case TomlTableNode inline:
                AddInline(inline, 0);
                break;
            case TomlArrayNode many when many.Items.Any(i => i is TomlTableNode) && many.Items.Any(i => i is not TomlTableNode):
                // Codex reads the list either as paths or as inline objects; a mixed list is neither, and 0.169.0
                // silently loads no hook from it.
                issues.Add(new CodexIssue(ErrorIds.PluginPathInvalid, IssueKind.Warning,
                    "hooks mixes file paths and inline hook objects; Codex loads no hook from this list.", manifest.Path, declared.Location.Line, declared.Location.Column, pluginId,
                    "Use either a list of ./paths or a list of inline hook objects."));
                break;
            case TomlArrayNode many:
                for (int i = 0; i < many.Items.Count; i++)
                {
                    switch (many.Items[i])
                    {
                        case TomlValueNode { Value: string s } item:
                            AddPath(item, s);
                            break;
                        case TomlTableNode table:
                            AddInline(table, i);
                            break;
                    }
                }

                break;
        }

        return found;
    }
}
