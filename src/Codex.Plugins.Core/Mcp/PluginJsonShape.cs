using Codex.Plugins.Configuration;

namespace Codex.Plugins.Mcp;

/// <summary>
/// Plugin .mcp.json entries are written in the Claude-compatible JSON shape, but Codex reads them with the config.toml
/// key names: "type" is ignored (the transport follows command/url) and so is "headers" (only http_headers counts).
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
