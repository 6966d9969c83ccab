using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>
/// What codex plugin add (0.169.0) checks before it copies a plugin into the cache, in its order: the manifest is
/// found; its version is a JSON string (or absent or null), not blank, of letters, digits and . _ + -; the manifest
/// deserializes with every typed field of the right type (a wrong type anywhere is "missing or invalid plugin.json");
/// the name (the folder's when blank) is a plugin segment and equals the marketplace entry's name. Fields Codex reads
/// leniently (skills, mcpServers, hooks, defaultPrompt) never refuse a plugin: their problems are ignored parts.
/// </summary>
public static class PluginInstallRules
{
    /// <summary>The folder name used for a plugin without a version.</summary>
    public const string LocalVersion = PluginVersions.LocalVersion;

    private static readonly string[] OptionalStrings = { "version", "description", "apps" };
    private static readonly string[] InterfaceStrings =
    {
        "displayName", "shortDescription", "longDescription", "developerName", "category", "websiteURL", "websiteUrl",
        "privacyPolicyURL", "privacyPolicyUrl", "termsOfServiceURL", "termsOfServiceUrl", "brandColor", "composerIcon", "logo", "logoDark",
    };

    private static readonly string[] InterfaceStringLists = { "capabilities", "screenshots" };

    /// <summary>
    /// Every refusal, the one codex reports first at the head. <paramref name="expectedName"/> is the marketplace
    /// entry's name, when the plugin is checked as an entry of a marketplace.
    /// </summary>
    public static IReadOnlyList<PluginRefusal> Check(string root, PluginManifestFile? manifest, CodexIssue? manifestProblem, string? expectedName, out string? installName, out string? installVersion)
    {
        installName = null;
        installVersion = null;
        var refusals = new List<PluginRefusal>();
        if (manifest is null)
        {
            string file = manifestProblem?.File ?? root;
            string message = manifestProblem?.ErrorId == ErrorIds.PluginManifestInvalid
                ? $"failed to parse plugin.json: {manifestProblem.Message}"
                : "missing plugin.json";
            refusals.Add(new PluginRefusal(manifestProblem?.ErrorId ?? ErrorIds.PluginManifestNotFound, message, file, manifestProblem?.Line,
                manifestProblem?.ErrorId == ErrorIds.PluginManifestInvalid ? "Fix the JSON of .codex-plugin/plugin.json." : "Add .codex-plugin/plugin.json with the plugin's name and version."));
            return refusals;
        }

        TomlTableNode doc = manifest.Root;
        string path = manifest.Path;
        switch (doc["version"])
        {
            case null or JsonNullNode:
                installVersion = LocalVersion;
                break;
            case TomlValueNode { Value: string v } node:
                string trimmed = v.Trim();
                if (trimmed.Length == 0)
                {
                    refusals.Add(new PluginRefusal(ErrorIds.PluginVersionInvalid, "invalid plugin version in plugin.json: must not be blank", path, node.Location.Line,
                        "Give a version such as 1.0.0, or leave the field out (Codex then installs the plugin as \"local\")."));
                }
                else if (VersionProblem(trimmed) is { } problem)
                {
                    refusals.Add(new PluginRefusal(ErrorIds.PluginVersionInvalid, problem, path, node.Location.Line, "Use a version such as 1.2.0."));
                }
                else
                {
                    installVersion = trimmed;
                }

                break;
            case TomlNode other:
                refusals.Add(new PluginRefusal(ErrorIds.PluginVersionInvalid, "invalid plugin version in plugin.json: expected string", path, other.Location.Line,
                    "Write the version as a JSON string, e.g. \"1.0.0\"."));
                break;
        }

        foreach (var (field, node, expected) in TypeErrors(doc))
        {
            refusals.Add(new PluginRefusal(ErrorIds.PluginManifestInvalid,
                $"missing or invalid plugin.json: `{field}` must be {expected}, not {Describe(node)}", path, node.Location.Line,
                $"Write {field} as {expected}."));
        }

        if (refusals.Count > 0)
        {
            return refusals;
        }

        string raw = doc.String("name") ?? string.Empty;
        string name = raw.Trim().Length == 0 ? Path.GetFileName(Path.TrimEndingDirectorySeparator(root)) : raw;
        int? nameLine = doc["name"]?.Location.Line;
        if (NameProblem(name) is { } nameProblem)
        {
            refusals.Add(new PluginRefusal(ErrorIds.PluginNameInvalid, nameProblem, path, nameLine, "Name the plugin with ASCII letters, digits, '-' and '_' only."));
        }
        else if (expectedName is not null && !string.Equals(name, expectedName, StringComparison.Ordinal))
        {
            refusals.Add(new PluginRefusal(ErrorIds.PluginNameMismatch, $"plugin.json name `{name}` does not match marketplace plugin name `{expectedName}`", path, nameLine,
                "Make the manifest name equal to the marketplace entry's name."));
        }
        else
        {
            installName = name;
        }

        return refusals;
    }

    /// <summary>Why Codex refuses this version as a cache folder name, or null.</summary>
    public static string? VersionProblem(string version)
    {
        if (version.Length == 0)
        {
            return "invalid plugin version: must not be empty";
        }

        if (version is "." or "..")
        {
            return "invalid plugin version: path traversal is not allowed";
        }

        return PluginVersions.IsValidFolderName(version) ? null : "invalid plugin version: only ASCII letters, digits, `.`, `+`, `_`, and `-` are allowed";
    }

    /// <summary>Why Codex refuses this plugin name, or null.</summary>
    public static string? NameProblem(string name) =>
        PluginKey.IsSegment(name) ? null : $"invalid plugin name `{name}`: only ASCII letters, digits, `_`, and `-` are allowed";

    /// <summary>The manifest fields whose JSON type Codex's deserializer refuses.</summary>
    private static IEnumerable<(string Field, TomlNode Node, string Expected)> TypeErrors(TomlTableNode doc)
    {
        if (doc["name"] is { } name && name is not TomlValueNode { Value: string })
        {
            yield return ("name", name, "a string");
        }

        foreach (string field in OptionalStrings.Skip(1))
        {
            if (doc[field] is { } node && node is not (JsonNullNode or TomlValueNode { Value: string }))
            {
                yield return (field, node, "a string");
            }
        }

        if (doc["keywords"] is { } keywords && !IsStringList(keywords))
        {
            yield return ("keywords", keywords, "an array of strings");
        }

        switch (doc["interface"])
        {
            case null or JsonNullNode:
                yield break;
            case TomlTableNode face:
                foreach (string field in InterfaceStrings)
                {
                    if (face[field] is { } node && node is not (JsonNullNode or TomlValueNode { Value: string }))
                    {
                        yield return ($"interface.{field}", node, "a string");
                    }
                }

                foreach (string field in InterfaceStringLists)
                {
                    if (face[field] is { } node && !IsStringList(node))
                    {
                        yield return ($"interface.{field}", node, "an array of strings");
                    }
                }

                break;
            case TomlNode other:
                yield return ("interface", other, "an object");
                break;
        }
    }

    private static bool IsStringList(TomlNode node) => node is TomlArrayNode a && a.Items.All(i => i is TomlValueNode { Value: string });

    private static string Describe(TomlNode node) => node switch
    {
        JsonNullNode => "null",
        TomlArrayNode => "an array",
        TomlTableNode => "an object",
        TomlValueNode { Value: string } => "a string",
        TomlValueNode { Value: bool } => "a boolean",
        _ => "a number",
    };
}
