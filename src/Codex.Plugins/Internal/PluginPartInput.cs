using System.Collections;
using Codex.Plugins.Plugins.Lifecycle;

namespace Codex.Plugins.Internal;

/// <summary>
/// New-CodexPlugin's -Skill and -Hook as given: Get-CodexSkill and Get-CodexHook output (live or deserialized),
/// folders, files and hashtables, read into what the plugin packager takes.
/// </summary>
internal static class PluginPartInput
{
    /// <summary>The skill folder an item names: a skill's folder, a folder or SKILL.md (paths through <paramref name="resolvePath"/>), or the folder of an object's Path.</summary>
    public static string SkillFolder(object item, Func<string, string> resolvePath)
    {
        object value = item is PSObject ps ? ps.BaseObject : item;
        return value switch
        {
            CodexSkill skill => Path.GetDirectoryName(skill.Path)!,
            FileSystemInfo info => info.FullName,
            string text => resolvePath(text),
            _ => PSObject.AsPSObject(item).Properties["Path"]?.Value is string p ? Path.GetDirectoryName(p)! : item.ToString()!,
        };
    }

    /// <summary>The hooks the items define; an item that is not a hook is PluginPartInvalid (thrown).</summary>
    public static PluginHookDefinition[] Hooks(IEnumerable<object> items) =>
        items.Select(item => Hook(item) ?? throw new CodexIssueException(new CodexIssue(ErrorIds.PluginPartInvalid, IssueKind.InvalidData,
            $"'{item}' is not a hook: give Get-CodexHook output or a hashtable with Event and Command.", null, Target: item.ToString()))).ToArray();

    private static PluginHookDefinition? Hook(object item)
    {
        object value = item is PSObject ps ? ps.BaseObject : item;
        if (value is CodexHook hook && (hook.ConfiguredCommand ?? hook.Command) is { } command)
        {
            return new PluginHookDefinition(hook.Event, hook.Matcher, command, hook.TimeoutSec, hook.StatusMessage);
        }

        string? Field(string name) => value is IDictionary map
            ? map.Keys.Cast<object>().FirstOrDefault(k => string.Equals(k.ToString(), name, StringComparison.OrdinalIgnoreCase)) is { } key ? map[key]?.ToString() : null
            : PSObject.AsPSObject(item).Properties[name]?.Value?.ToString();

        string? hookEvent = Field("Event");
        string? hookCommand = Field("Command");
        if (hookEvent is null || hookCommand is null)
        {
            return null;
        }

        string? timeout = Field("Timeout") ?? Field("TimeoutSec");
        return new PluginHookDefinition(hookEvent, Field("Matcher"), hookCommand, long.TryParse(timeout, out long t) ? t : null, Field("StatusMessage"));
    }
}
