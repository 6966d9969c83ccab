using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Hooks;

/// <summary>
/// Reads the events table of a hooks source (the "hooks" object of hooks.json, [hooks] of config.toml or
/// requirements.toml, a plugin's hooks file or inline manifest object) the way Codex deserializes it: a shape error
/// anywhere rejects the whole source (Codex warns "failed to parse hooks config" and loads none of it); unknown event
/// names and unknown handler fields are ignored.
/// </summary>
internal static class HookSourceParser
{
    /// <summary>The top-level keys a hooks.json may have (serde deny_unknown_fields).</summary>
    private static readonly string[] HooksFileKeys = { "description", "hooks" };

    /// <summary>Parses a hooks file object ({"description"?, "hooks": {...}}). Throws <see cref="CodexIssueException"/> on shape errors.</summary>
    public static IReadOnlyList<DeclaredHandler> ParseHooksFile(TomlTableNode file, string path)
    {
        foreach (var (key, node) in file.Items)
        {
            if (!HooksFileKeys.Contains(key, StringComparer.Ordinal))
            {
                throw Invalid(path, node, $"unknown field `{key}`, expected `description` or `hooks`");
            }
        }

        return file["hooks"] switch
        {
            null => Array.Empty<DeclaredHandler>(),
            TomlTableNode events => ParseEvents(events, path),
            TomlNode other => throw Invalid(path, other, "`hooks` must be an object of events"),
        };
    }

    /// <summary>Parses an events table; keys that are not event names (state, managed_dir, typos) are ignored, as Codex ignores them.</summary>
    public static IReadOnlyList<DeclaredHandler> ParseEvents(TomlTableNode events, string path)
    {
        var byEvent = new List<(HookEvent Event, TomlNode Groups)>();
        foreach (var (key, node) in events.Items)
        {
            // Exact PascalCase names only: serde field names are case-sensitive.
            HookEvent? hookEvent = HookEvent.All.FirstOrDefault(e => e.Name == key);
            if (hookEvent is not null)
            {
                byEvent.Add((hookEvent, node));
            }
        }

        var handlers = new List<DeclaredHandler>();
        foreach (var (hookEvent, groupsNode) in byEvent.OrderBy(e => IndexOf(e.Event)))
        {
            if (groupsNode is not TomlArrayNode groups)
            {
                throw Invalid(path, groupsNode, $"`{hookEvent.Name}` must be an array of matcher groups");
            }

            for (int g = 0; g < groups.Items.Count; g++)
            {
                if (groups.Items[g] is not TomlTableNode group)
                {
                    throw Invalid(path, groups.Items[g], $"`{hookEvent.Name}[{g}]` must be a matcher group object");
                }

                string? matcher = group["matcher"] switch
                {
                    null or JsonNullNode => null,
                    TomlValueNode { Value: string s } => s,
                    TomlNode other => throw Invalid(path, other, $"`{hookEvent.Name}[{g}].matcher` must be a string"),
                };
                if (group["hooks"] is not TomlArrayNode list)
                {
                    throw Invalid(path, group["hooks"] ?? group, $"`{hookEvent.Name}[{g}].hooks` must be an array of handlers");
                }

                for (int h = 0; h < list.Items.Count; h++)
                {
                    if (list.Items[h] is not TomlTableNode handler)
                    {
                        throw Invalid(path, list.Items[h], $"`{hookEvent.Name}[{g}].hooks[{h}]` must be a handler object");
                    }

                    handlers.Add(ParseHandler(hookEvent, g, h, matcher, group, handler, path));
                }
            }
        }

        return handlers;
    }

    private static int IndexOf(HookEvent e)
    {
        for (int i = 0; i < HookEvent.All.Count; i++)
        {
            if (ReferenceEquals(HookEvent.All[i], e))
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static DeclaredHandler ParseHandler(HookEvent hookEvent, int g, int h, string? matcher, TomlTableNode group, TomlTableNode node, string path)
    {
        string where = $"`{hookEvent.Name}[{g}].hooks[{h}]`";
        string type = node["type"] switch
        {
            TomlValueNode { Value: string s } when s is "command" or "prompt" or "agent" or "mcp_tool" => s,
            TomlValueNode { Value: string s } => throw Invalid(path, node["type"]!, $"{where}: unknown variant `{s}`, expected one of `command`, `mcp_tool`, `prompt`, `agent`"),
            null => throw Invalid(path, node, $"{where}: missing field `type`"),
            TomlNode other => throw Invalid(path, other, $"{where}: `type` must be a string"),
        };

        string? command = OptionalString(node, "command", where, path);
        string? commandWindows = OptionalString(node, "commandWindows", where, path) ?? OptionalString(node, "command_windows", where, path);
        long? timeout = OptionalCount(node, "timeout", where, path);
        bool isAsync = node["async"] switch
        {
            null or JsonNullNode => false,
            TomlValueNode { Value: bool b } => b,
            TomlNode other => throw Invalid(path, other, $"{where}: `async` must be a boolean"),
        };
        string? statusMessage = OptionalString(node, "statusMessage", where, path);
        long? limit = OptionalCount(node, "additionalContextLimit", where, path);
        string? server = null, tool = null;
        switch (type)
        {
            case "command" when command is null:
                throw Invalid(path, node, $"{where}: missing field `command`");
            case "mcp_tool":
                server = OptionalString(node, "server", where, path) ?? throw Invalid(path, node, $"{where}: missing field `server`");
                tool = OptionalString(node, "tool", where, path) ?? throw Invalid(path, node, $"{where}: missing field `tool`");
                break;
        }

        return new DeclaredHandler(hookEvent, g, h, matcher, group, node, type, command, commandWindows, timeout, isAsync, statusMessage, limit, server, tool);
    }

    private static string? OptionalString(TomlTableNode node, string field, string where, string path) => node[field] switch
    {
        null or JsonNullNode => null,
        TomlValueNode { Value: string s } => s,
        TomlNode other => throw Invalid(path, other, $"{where}: `{field}` must be a string"),
    };

    private static long? OptionalCount(TomlTableNode node, string field, string where, string path) => node[field] switch
    {
        null or JsonNullNode => null,
        TomlValueNode { Value: long n } when n >= 0 => n,
        TomlNode other => throw Invalid(path, other, $"{where}: `{field}` must be a whole number of at least 0"),
    };

    private static CodexIssueException Invalid(string path, TomlNode at, string message) =>
        new(new CodexIssue(ErrorIds.HookFileInvalid, IssueKind.InvalidData,
            $"failed to parse hooks config {path}: {message}; Codex loads no hook from this source.",
            at.Location.File is { Length: > 0 } f ? f : path, at.Location.Line, at.Location.Column, path,
            "Fix the hooks definition (see docs/Get-CodexHook.md for the shape Codex reads)."));
}
