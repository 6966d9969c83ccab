using System.Collections.Concurrent;
using System.Text.Json;

namespace Codex.Plugins.Skills;

/// <summary>
/// Codex names a skill plugin:skill whenever a folder above its SKILL.md holds a plugin manifest, wherever the skill
/// was found: checked with the curated corpus linked into ~/.agents/skills, where every skill came out as
/// plugin:skill. The nearest manifest decides; its name, or the folder's name when the name is empty.
/// </summary>
internal sealed class PluginNamespace
{
    private static readonly string[] ManifestPaths = { Path.Combine(".codex-plugin", "plugin.json"), Path.Combine(".claude-plugin", "plugin.json") };

    // Many skills share ancestors: each folder's answer is looked up once per scan (scans run in parallel).
    private readonly ConcurrentDictionary<string, Lookup> folders = new(StringComparer.Ordinal);

    private readonly Func<string, Lookup> read;

    /// <param name="fileExists">
    /// Whether a file is at a path, as <see cref="File.Exists(string)"/> answers (the default). A plugin check passes
    /// its listing of the plugin folder, which answers most of the two probes per folder above each skill without a stat.
    /// </param>
    public PluginNamespace(Func<string, bool>? fileExists = null)
    {
        Func<string, bool> exists = fileExists ?? File.Exists;
        read = dir => Read(dir, exists);
    }

    private enum Kind
    {
        None,
        Found,
        Rejected,
    }

    private readonly record struct Lookup(Kind Kind, string? Name);

    public string? For(string skillFile)
    {
        for (string? dir = Path.GetDirectoryName(skillFile); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            Lookup lookup = folders.GetOrAdd(dir, read);
            if (lookup.Kind == Kind.Found)
            {
                return lookup.Name;
            }

            if (lookup.Kind == Kind.Rejected)
            {
                return null;
            }
        }

        return null;
    }

    private static Lookup Read(string dir, Func<string, bool> fileExists)
    {
        foreach (string relative in ManifestPaths)
        {
            string manifest = Path.Combine(dir, relative);
            if (!fileExists(manifest))
            {
                continue;
            }

            try
            {
                using JsonDocument doc = JsonDocument.Parse(Configuration.RegularFile.ReadAllBytes(manifest, limit: Configuration.FileSizeLimit.PluginJson));
                string name = doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("name", out JsonElement n) && n.ValueKind == JsonValueKind.String
                    ? n.GetString()!
                    : string.Empty;
                return new Lookup(Kind.Found, name.Trim().Length == 0 ? Path.GetFileName(dir) : name);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                // A manifest Codex cannot read (invalid UTF-8 in a string included) names nothing, and the search stops there.
                return new Lookup(Kind.Rejected, null);
            }
        }

        return new Lookup(Kind.None, null);
    }
}
