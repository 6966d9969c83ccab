using System.Text.Json.Nodes;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>
/// The .codex-plugin/plugin.json of a new plugin: identity, the parts the planned files hold, and the interface
/// (display name, short description, developer, category) as the curated marketplace writes it.
/// </summary>
internal static class PluginManifestPackager
{
    public static JsonObject Build(PluginScaffoldRequest request, List<PlannedPluginFile> files)
    {
        var manifest = new JsonObject
        {
            ["name"] = request.Name,
            ["version"] = request.Version.Trim(),
            ["description"] = request.Description ?? $"The {request.Name} plugin.",
        };
        if (request.Author is { Length: > 0 } author)
        {
            manifest["author"] = new JsonObject { ["name"] = author };
        }

        if (request.Keywords.Length > 0)
        {
            manifest["keywords"] = new JsonArray(request.Keywords.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray());
        }

        if (files.Any(f => f.RelativePath.StartsWith("skills/", StringComparison.Ordinal)))
        {
            manifest["skills"] = "./skills/";
        }

        if (files.Any(f => f.RelativePath == ".mcp.json"))
        {
            manifest["mcpServers"] = "./.mcp.json";
        }

        var face = new JsonObject { ["displayName"] = request.DisplayName ?? request.Name };
        if (request.Description is { Length: > 0 } description)
        {
            face["shortDescription"] = description.Length <= 120 ? description : description[..117] + "...";
        }

        if (request.Author is { Length: > 0 } developer)
        {
            face["developerName"] = developer;
        }

        if (request.Category is { Length: > 0 } category)
        {
            face["category"] = category;
        }

        manifest["interface"] = face;
        return manifest;
    }
}
