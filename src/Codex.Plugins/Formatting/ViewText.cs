using System.Collections;
using System.Globalization;

namespace Codex.Plugins.Formatting;

/// <summary>
/// The text the module's views show, computed once here instead of in the script blocks of module/*.format.ps1xml
/// (ClassExplorer's idiom): each script block is one call that hands over the properties it shows. The views format
/// live objects and their deserialized copies alike (after a job or remoting, nested objects are property bags and
/// states are their names), so values arrive as objects and are read with PowerShell's own rules: truth as
/// <c>if ($x)</c>, lists as <c>@($x)</c>, text as <c>-join</c>.
/// </summary>
public static class ViewText
{
    /// <summary><c>@($values) -join $separator</c>.</summary>
    public static string Join(object? values, string separator = ", ") =>
        string.Join(separator, Items(values).Select(Text));

    /// <summary><c>@($values).Count</c>.</summary>
    public static int Count(object? values) => Items(values).Count();

    /// <summary>How many of <paramref name="items"/> have <paramref name="property"/> equal to <paramref name="value"/> as text (a severity, an access).</summary>
    public static int CountWhere(object? items, string property, string value) =>
        Items(items).Count(i => string.Equals(Text(Property(i, property)), value, StringComparison.OrdinalIgnoreCase));

    /// <summary><c>if ($value) { $value } else { $otherwise }</c>.</summary>
    public static object? Either(object? value, object? otherwise) => LanguagePrimitives.IsTrue(value) ? value : otherwise;

    /// <summary><c>if ($condition) { $whenTrue } else { $whenFalse }</c>.</summary>
    public static object? Choose(object? condition, object? whenTrue, object? whenFalse) => LanguagePrimitives.IsTrue(condition) ? whenTrue : whenFalse;

    /// <summary>FILE:LINE.</summary>
    public static string Location(object? file, object? line) => $"{Text(file)}:{Text(line)}";

    /// <summary>FILE:LINE when there is a file, else <paramref name="otherwise"/> (a built-in default has none).</summary>
    public static string? LocationOr(object? file, object? line, string? otherwise) =>
        LanguagePrimitives.IsTrue(file) ? Location(file, line) : otherwise;

    /// <summary>A map as KEY=VALUE, ... in its own order (env, headers, tool approvals; values are masked already).</summary>
    public static string Pairs(object? map)
    {
        if (Unwrap(map) is not IDictionary dictionary)
        {
            return string.Empty;
        }

        var pairs = new List<string>();
        foreach (DictionaryEntry entry in dictionary)
        {
            pairs.Add($"{Text(entry.Key)}={Text(entry.Value)}");
        }

        return string.Join(", ", pairs);
    }

    /// <summary>A hook group's matcher; * when it has none (the event matches everything).</summary>
    public static object Matcher(object? matcher) => matcher ?? "*";

    /// <summary>What a hook handler runs: its command, or mcp: SERVER/TOOL for an mcp_tool handler.</summary>
    public static object? HookAction(object? handlerType, object? command, object? server, object? tool) =>
        Is(handlerType, "mcp_tool") ? $"mcp: {Text(server)}/{Text(tool)}" : command;

    /// <summary>A hook's one-line summary in the hook list view.</summary>
    public static string HookLine(object? hookEvent, object? trust, object? enabled, object? timeoutSec, object? source, object? matcher) =>
        string.Format(CultureInfo.CurrentCulture, "{0,-17} {1,-10} {2,-3} {3,5}s  {4,-8} matcher {5}",
            Unwrap(hookEvent), Unwrap(trust), LanguagePrimitives.IsTrue(enabled) ? "on" : "off", Unwrap(timeoutSec), Unwrap(source), Unwrap(Matcher(matcher)));

    /// <summary>A hook run's milliseconds; nothing for a handler that was skipped.</summary>
    public static int? HookMilliseconds(object? status, object? duration) =>
        Is(status, "Skipped") ? null : Convert.ToInt32(ToTimeSpan(duration).TotalMilliseconds);

    /// <summary>What a hook run said: its reason, else its error, else the input it rewrote, else the context it added.</summary>
    public static object? HookDetail(object? reason, object? error, object? updatedInput, object? additionalContext) =>
        LanguagePrimitives.IsTrue(reason) ? reason
        : LanguagePrimitives.IsTrue(error) ? error
        : LanguagePrimitives.IsTrue(updatedInput) ? "updatedInput " + Text(updatedInput)
        : additionalContext;

    /// <summary>A time shown in the viewer's zone, to the second (session times are UTC).</summary>
    public static string? LocalTime(object? time) =>
        LanguagePrimitives.IsTrue(time) ? new DateTimeOffset((DateTime)Unwrap(time)!).LocalDateTime.ToString("yyyy-MM-dd HH:mm:ss") : null;

    /// <summary>A duration as hh:mm:ss; nothing when unknown.</summary>
    public static string? Clock(object? duration) => duration is null ? null : ToTimeSpan(duration).ToString(@"hh\:mm\:ss");

    /// <summary>Seconds with three decimals (0.123 s); nothing when unknown.</summary>
    public static string? Seconds(object? duration) =>
        duration is null ? null : string.Format(CultureInfo.CurrentCulture, "{0:N3} s", ToTimeSpan(duration).TotalSeconds);

    /// <summary>Bytes as whole KiB, rounded up.</summary>
    public static double KiloBytes(object? bytes) => Math.Ceiling(Convert.ToDouble(Unwrap(bytes), CultureInfo.InvariantCulture) / 1024);

    /// <summary>A SHA-256 shown short: the first 23 characters (sha256: and 16 hex digits) and an ellipsis.</summary>
    public static string? ShortHash(object? hash) => Text(hash) is { Length: > 23 } text ? text[..23] + '\u2026' : (string?)Unwrap(hash);

    /// <summary>The first of each value's non-empty texts, in order, or the last value when none is.</summary>
    public static object? FirstOf(params object?[] values) => values.FirstOrDefault(LanguagePrimitives.IsTrue) ?? values.LastOrDefault();

    /// <summary>What Test-CodexPlugin saw the plugin reach: its hosts and the programs its commands start, once each.</summary>
    public static string Reach(object? hosts, object? commands) =>
        string.Join(", ", Items(hosts).Select(Text)
            .Concat(Items(commands).Select(c => Text(c).Split(' ')[0]))
            .Where(t => t.Length > 0).Distinct(StringComparer.Ordinal));

    /// <summary>A plugin difference's value: old -> new for a change, else the value added or removed.</summary>
    public static object? DifferenceValue(object? change, object? referenceValue, object? differenceValue) =>
        Is(change, "Changed") ? $"{Text(referenceValue)} -> {Text(differenceValue)}" : Either(differenceValue, referenceValue);

    /// <summary>The first thing Codex overrides on a machine: a forced value, a disabled server or a skipped hook.</summary>
    public static object? FirstOverride(object? forced, object? disabledServers, object? skippedHooks) =>
        Items(forced).Select(Text)
            .Concat(Items(disabledServers).Select(s => $"mcp {Text(s)} disabled"))
            .Concat(Items(skippedHooks).Select(h => $"hook {Text(h)} skipped"))
            .FirstOrDefault(t => t.Length > 0);

    /// <summary>A rollout result's detail: its error, else its backups, else its status.</summary>
    public static object? PublishDetail(object? errorId, object? error, object? backupPath, object? status) =>
        LanguagePrimitives.IsTrue(error) ? Text(errorId) + ": " + Text(error)
        : Count(backupPath) > 0 ? Join(backupPath)
        : status;

    /// <summary>The folders a permission profile may write; (everything) when it is unrestricted.</summary>
    public static string Writable(object? unrestricted, object? filesystem) =>
        LanguagePrimitives.IsTrue(unrestricted) ? "(everything)"
        : string.Join(", ", Items(filesystem).Where(g => string.Equals(Text(Property(g, "Access")), "write", StringComparison.OrdinalIgnoreCase)).Select(g => Text(Property(g, "Target"))));

    /// <summary>The items of a list after the first, joined (a profile's extends chain without itself).</summary>
    public static string JoinAfterFirst(object? values, string separator) => string.Join(separator, Items(values).Skip(1).Select(Text));

    /// <summary>A list of findings as RULE: MESSAGE lines.</summary>
    public static string FindingLines(object? findings) =>
        string.Join(Environment.NewLine, Items(findings).Select(f => $"{Text(Property(f, "RuleId"))}: {Text(Property(f, "Message"))}"));

    /// <summary>A value as the config view shows it: a list in brackets, anything else as it is.</summary>
    public static object? ConfigValue(object? value) =>
        Unwrap(value) is IList list ? "[" + Join(list) + "]" : value;

    /// <summary>The list joined, or <paramref name="whenNull"/> when there is no list at all (null means "all" for enabled_tools).</summary>
    public static string JoinOr(object? values, string whenNull) => values is null ? whenNull : Join(values);

    /// <summary>A setting's value, marked "(default)" when it was not configured.</summary>
    public static object? Defaulted(object? value, object? isDefault) =>
        LanguagePrimitives.IsTrue(isDefault) ? $"{Text(value)} (default)" : value;

    /// <summary>INSTALL/AUTH policies of a marketplace entry; nothing when it has none.</summary>
    public static string? Policies(object? installPolicy, object? authPolicy) =>
        LanguagePrimitives.IsTrue(installPolicy) ? Text(installPolicy) + "/" + Text(authPolicy) : null;

    /// <summary>Where an MCP server comes from: its plugin, the custom agent that defines it, or its kind of source.</summary>
    public static object? McpSource(object? pluginId, object? agentName, object? sourceKind) =>
        LanguagePrimitives.IsTrue(pluginId) ? pluginId : LanguagePrimitives.IsTrue(agentName) ? "agent:" + Text(agentName) : sourceKind;

    /// <summary>What an MCP server runs (command and arguments) or reaches (its URL).</summary>
    public static object? McpTarget(object? transport, object? command, object? arguments, object? url) =>
        Is(transport, "stdio") ? string.Join(" ", Items(command).Concat(Items(arguments)).Select(Text)) : url;

    /// <summary>A permission profile's name, with the custom agent it belongs to.</summary>
    public static object? ProfileName(object? profile, object? agent) =>
        LanguagePrimitives.IsTrue(agent) ? $"{Text(profile)} (agent {Text(agent)})" : profile;

    /// <summary>Where a permission decision's rule is written: FILE:LINE, (built-in) for a built-in rule, else nothing.</summary>
    public static string DecisionSource(object? file, object? line, object? decidingRule) =>
        LanguagePrimitives.IsTrue(file) ? Location(file, line)
        : Text(decidingRule).Contains("built-in", StringComparison.OrdinalIgnoreCase) ? "(built-in)" : string.Empty;

    /// <summary>A permission profile's network: full when unrestricted, else on or off.</summary>
    public static string Network(object? unrestricted, object? enabled) =>
        LanguagePrimitives.IsTrue(unrestricted) ? "full" : LanguagePrimitives.IsTrue(enabled) ? "on" : "off";

    /// <summary>A session's id, marked when it broke an agents limit.</summary>
    public static object? SessionId(object? id, object? exceedsLimits) =>
        LanguagePrimitives.IsTrue(exceedsLimits) ? $"{Text(id)} (over limits)" : id;

    /// <summary>The context window the skill budget used, with its model; unknown (MODEL) when none is known.</summary>
    public static string ContextWindow(object? window, object? model) =>
        window is null ? $"unknown ({Text(model)})" : string.Format(CultureInfo.CurrentCulture, "{0:N0} ({1})", Unwrap(window), Unwrap(model));

    /// <summary>A skill budget with its unit (tokens, characters).</summary>
    public static string Budget(object? budget, object? unit) =>
        string.Format(CultureInfo.CurrentCulture, "{0:N0} {1}", Unwrap(budget), Text(unit).ToLowerInvariant());

    private static bool Is(object? value, string text) => string.Equals(Text(value), text, StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<object?> Items(object? values)
    {
        if (values is null)
        {
            return Array.Empty<object?>();
        }

        return LanguagePrimitives.GetEnumerable(values) is { } many ? many.Cast<object?>() : new[] { values };
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    private static object? Property(object? item, string name) =>
        item is null ? null : PSObject.AsPSObject(item).Properties[name]?.Value;

    private static string Text(object? value) =>
        Unwrap(value) is { } v ? LanguagePrimitives.ConvertTo<string>(v) ?? string.Empty : string.Empty;

    private static TimeSpan ToTimeSpan(object? value) => LanguagePrimitives.ConvertTo<TimeSpan>(value);
}
