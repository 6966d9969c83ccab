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

    // Many skills share ancestors: each folder's answer is looked up once per scan. Get-CodexSkill's scans run in
    // parallel and share one; a plugin check is one thread, where the concurrent dictionary's lock on every lookup
    // was 8% of checking the curated marketplace.
    private readonly ConcurrentDictionary<string, Lookup>? shared;
    private readonly Dictionary<string, Lookup>? own;

    /// <param name="concurrent">False when only one thread asks (a plugin check).</param>
    public PluginNamespace(bool concurrent = true)
    {
        if (concurrent)
        {
            shared = new ConcurrentDictionary<string, Lookup>(StringComparer.Ordinal);
        }
        else
        {
            own = new Dictionary<string, Lookup>(StringComparer.Ordinal);
        }
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
            Lookup lookup = shared?.GetOrAdd(dir, Read) ?? Own(dir);
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

    private Lookup Own(string dir)
    {
        if (!own!.TryGetValue(dir, out Lookup lookup))
        {
            own[dir] = lookup = Read(dir);
        }

        return lookup;
    }

    private static Lookup Read(string dir)
    {
        foreach (string relative in ManifestPaths)
        {
            string manifest = Path.Combine(dir, relative);
            if (!Configuration.PathProbe.FileExists(manifest))
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
