using Codex.Plugins.Configuration;

namespace Codex.Plugins.Mcp;

/// <summary>
/// Plugin .mcp.json entries are written in the Claude-compatible JSON shape; Codex reads them into the same server
/// config as config.toml. This maps the JSON-only spellings onto the TOML keys.
/// </summary>
internal static class PluginJsonShape
{
    public static TomlTableNode Normalize(TomlTableNode json)
    {
        var result = new TomlTableNode(json.Location);
        foreach (var (key, value) in json.Items)
        {
            switch (key)
            {
                case "type":
                    // "http", "streamable_http", "stdio": the transport follows from command/url, as in Codex.
                    break;
                case "headers" when json["http_headers"] is null:
                    result.Set("http_headers", value);
                    break;
                default:
                    if (value is not JsonNullNode)
                    {
                        result.Set(key, value);
                    }

                    break;
            }
        }

        return result;
    }
}
