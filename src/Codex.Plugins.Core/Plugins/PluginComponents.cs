using System.Text.RegularExpressions;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Hooks;
using Codex.Plugins.Mcp;
using Codex.Plugins.Skills;

namespace Codex.Plugins.Plugins;

/// <summary>The components a plugin folder brings, resolved with Codex's path rules; bad paths become findings.</summary>
public sealed class PluginComponents
{
    private static readonly Regex FrontMatterName = new(@"^name:\s*['""]?(?<name>[^'""\r\n]+?)['""]?\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    public string[] SkillRoots { get; private init; } = Array.Empty<string>();

    /// <summary>
    /// plugin:skill names, found when first asked for: Test-CodexPlugin loads every skill itself and never asks, and the
    /// walk with a read of each SKILL.md is most of what resolving a plugin with many skills costs.
    /// </summary>
    public string[] Skills => skills.Value;

    private Lazy<string[]> skills = new(Array.Empty<string>);

    public string[] McpServers { get; private init; } = Array.Empty<string>();

    public string[] Apps { get; private init; } = Array.Empty<string>();

    public string[] HookFiles { get; private init; } = Array.Empty<string>();

    public static PluginComponents Resolve(string pluginId, string pluginName, string root, PluginManifest manifest, List<CodexFinding> findings)
    {
        string manifestPath = manifest.File.Path;
        string? Path_(TomlNode node, string field, string relative)
        {
            string? resolved = PluginPath.Resolve(root, relative, out string? problem);
            if (resolved is null)
            {
                findings.Add(new CodexFinding(ErrorIds.PluginPathInvalid, FindingSeverity.Warning,
                    $"{field} {problem}; Codex ignores it.", pluginId, manifestPath, node.Location.Line,
                    "Write plugin paths as ./relative/path inside the plugin folder (no '..', not absolute)."));
            }

            return resolved;
        }

        IEnumerable<string> Paths(string field, string? defaultRelative)
        {
            TomlNode? node = manifest.Root[field];
            var found = new List<string>();
            switch (node)
            {
                case TomlValueNode { Value: string one }:
                    if (Path_(node, field, one) is { } p)
                    {
                        found.Add(p);
                    }

                    break;
                case TomlArrayNode many:
                    foreach (TomlNode item in many.Items)
                    {
                        if (item is TomlValueNode { Value: string s } && Path_(item, field, s) is { } q)
                        {
                            found.Add(q);
                        }
                    }

                    break;
                case null:
                    if (defaultRelative is not null)
                    {
                        string d = Path.Combine(root, defaultRelative);
                        if (Configuration.PathProbe.Exists(d))
                        {
                            found.Add(d);
                        }
                    }

                    break;
            }

            return found;
        }

        foreach (string asset in new[] { "composerIcon", "logo", "logoDark" })
        {
            if (manifest.Interface?[asset] is TomlValueNode { Value: string a } node)
            {
                Path_(node, $"interface.{asset}", a);
            }
        }

        if (manifest.Interface?["screenshots"] is TomlArrayNode shots)
        {
            foreach (TomlNode shot in shots.Items)
            {
                if (shot is TomlValueNode { Value: string s })
                {
                    Path_(shot, "interface.screenshots", s);
                }
            }
        }

        string[] skillRoots = Paths("skills", "skills").ToArray();
        var hookIssues = new List<CodexIssue>();
        string[] hookFiles = PluginHookSources.Resolve(root, pluginId, manifest.File, hookIssues).Select(s => s.File).Distinct(StringComparer.Ordinal).ToArray();
        findings.AddRange(hookIssues.Select(i => AsFinding(i, pluginId)));
        string[] apps = Paths("apps", ".app.json").SelectMany(ReadApps).ToArray();

        var mcpIssues = new List<CodexIssue>();
        string[] servers = PluginMcpServerReader.Read(root, pluginId, manifest.File, mcpIssues).Select(s => s.Name).ToArray();
        findings.AddRange(mcpIssues.Select(i => AsFinding(i, pluginId)));

        return new PluginComponents
        {
            SkillRoots = skillRoots,
            skills = new Lazy<string[]>(() => skillRoots.SelectMany(r => SkillNames(r)).Distinct(StringComparer.Ordinal).Select(n => $"{pluginName}:{n}").ToArray()),
            McpServers = servers,
            Apps = apps,
            HookFiles = hookFiles,
        };
    }

    private static CodexFinding AsFinding(CodexIssue issue, string pluginId) =>
        new(issue.ErrorId, issue.Kind == IssueKind.Warning ? FindingSeverity.Warning : FindingSeverity.Error, issue.Message, pluginId, issue.File, issue.Line, issue.RecommendedAction ?? string.Empty);

    private static IEnumerable<string> ReadApps(string file)
    {
        try
        {
            return JsonFileReader.Read(file, ErrorIds.PluginManifestInvalid, FileSizeLimit.PluginJson).Table("apps")?.Keys.ToArray() ?? Array.Empty<string>();
        }
        catch (CodexIssueException)
        {
            return Array.Empty<string>();
        }
    }

    /// <summary>
    /// Skill names under a root: every SKILL.md the skill scanner finds there (Codex's walk: depth, hidden entries,
    /// links, nested skills), named by its front matter, else its folder. A quick listing: Get-CodexSkill reads each
    /// file as Codex does and also reports the skills Codex refuses.
    /// </summary>
    private static IEnumerable<string> SkillNames(string root)
    {
        var found = new List<FoundSkillFile>();
        SkillScanner.Scan(new SkillRoot(root, CodexSkillScope.User), found, new List<CodexIssue>());
        foreach (FoundSkillFile file in found)
        {
            string name = NameOf(file.DiscoveredPath) ?? Path.GetFileName(Path.GetDirectoryName(file.DiscoveredPath)!);
            if (SkillText.CharCount(name) <= SkillLimits.MaxNameChars)
            {
                yield return name;
            }
        }
    }

    private static string? NameOf(string skillFile)
    {
        try
        {
            // The skill scan's bounded read: a SKILL.md of one endless line is not read past its first 8 KiB.
            using var reader = new StringReader(SkillFileReader.ReadFrontMatterText(skillFile).TrimStart('\uFEFF'));
            if (reader.ReadLine()?.Trim() != "---")
            {
                return null;
            }

            var header = new System.Text.StringBuilder();
            for (string? line = reader.ReadLine(); line is not null && line.Trim() != "---"; line = reader.ReadLine())
            {
                header.AppendLine(line);
            }

            Match m = FrontMatterName.Match(header.ToString());
            return m.Success ? m.Groups["name"].Value.Trim() : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            return null;
        }
    }
}
