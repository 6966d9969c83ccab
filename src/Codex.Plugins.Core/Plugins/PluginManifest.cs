using Codex.Plugins.Configuration;

namespace Codex.Plugins.Plugins;

/// <summary>What a plugin.json declares, read as Codex reads it (camelCase; unknown fields ignored).</summary>
public sealed class PluginManifest
{
    private PluginManifest(PluginManifestFile file)
    {
        File = file;
        TomlTableNode root = file.Root;
        Name = root.String("name");
        VersionNode = root["version"];
        Version = VersionNode is TomlValueNode { Value: string v } && v.Trim().Length > 0 ? v.Trim() : null;
        Description = root.String("description");
        Keywords = Strings(root["keywords"]);
        Interface = root.Table("interface");
    }

    public PluginManifestFile File { get; }

    public string? Name { get; }

    /// <summary>The version as declared (trimmed), null when blank or absent (Codex then installs it as "local").</summary>
    public string? Version { get; }

    public TomlNode? VersionNode { get; }

    public string? Description { get; }

    public string[] Keywords { get; }

    public TomlTableNode? Interface { get; }

    public TomlTableNode Root => File.Root;

    public static PluginManifest From(PluginManifestFile file) => new(file);

    public string? InterfaceString(params string[] spellings) =>
        spellings.Select(s => Interface?.String(s)).FirstOrDefault(v => v is not null);

    public string[] InterfaceStrings(string key) => Strings(Interface?[key]);

    /// <summary>defaultPrompt: a string or up to three strings, whitespace collapsed, each at most 128 characters.</summary>
    public string[] DefaultPrompts()
    {
        IEnumerable<string> raw = Interface?["defaultPrompt"] switch
        {
            TomlValueNode { Value: string one } => new[] { one },
            TomlArrayNode many => many.Items.OfType<TomlValueNode>().Select(v => v.Value as string).OfType<string>(),
            _ => Array.Empty<string>(),
        };
        return raw.Select(p => string.Join(' ', p.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            .Where(p => p.Length is > 0 and <= 128)
            .Take(3)
            .ToArray();
    }

    internal static string[] Strings(TomlNode? node) => node switch
    {
        TomlArrayNode a => a.Items.OfType<TomlValueNode>().Select(v => v.Value as string).OfType<string>().ToArray(),
        TomlValueNode { Value: string s } => new[] { s },
        _ => Array.Empty<string>(),
    };
}
