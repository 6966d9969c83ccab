using Codex.Plugins.Configuration;
using Codex.Plugins.Mcp;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>
/// Compare-CodexPlugin's engine: both folders are read as Test-CodexPlugin reads them, then skills, MCP servers,
/// hooks, apps and manifest fields are matched by name and compared property by property, so each change is one
/// difference. Changes that let the newer version reach more (a new server, host, command, environment variable,
/// hook or app; tools that stop asking) carry a CODEX-PLUGIN-020 finding.
/// </summary>
public static class PluginComparison
{
    private static readonly string[] ComponentFields = { "skills", "mcpServers", "hooks", "apps" };

    public static IReadOnlyList<CodexPluginDifference> Compare(string referenceRoot, string differenceRoot, string? pluginId, CodexEnvironment environment)
    {
        CodexPluginTestResult before = PluginCheck.Run(referenceRoot, null, null, environment);
        CodexPluginTestResult after = PluginCheck.Run(differenceRoot, null, null, environment);
        string plugin = pluginId ?? after.Name;
        var diff = new List<CodexPluginDifference>();

        void Add(string part, string name, string change, string? property, string? old, string? @new, bool widens, string? why = null, bool trust = false)
        {
            CodexFinding? finding = widens
                ? new CodexFinding(PluginRuleIds.UpgradeWidensReach, FindingSeverity.Warning,
                    $"The new version of {plugin} reaches further: {why ?? $"{change.ToLowerInvariant()} {part} {name}"}.", $"{plugin}/{name}",
                    after.ManifestPath ?? after.Path, null, "Review the change before approving the upgrade fleet-wide.")
                : null;
            diff.Add(new CodexPluginDifference
            {
                Plugin = plugin, Part = part, Name = name, Change = change, Property = property, ReferenceValue = old, DifferenceValue = @new,
                WidensReach = widens, NeedsTrustReview = trust, Finding = finding, ReferencePath = before.Path, DifferencePath = after.Path,
            });
        }

        CompareManifest(before, after, Add);

        // Skills: by name; a skill whose folder's files differ changed.
        var oldSkills = before.SkillDetails.ToDictionary(s => Local(s.Name), StringComparer.Ordinal);
        var newSkills = after.SkillDetails.ToDictionary(s => Local(s.Name), StringComparer.Ordinal);
        foreach (string name in oldSkills.Keys.Union(newSkills.Keys).Order(StringComparer.Ordinal))
        {
            bool had = oldSkills.TryGetValue(name, out CodexSkill? o);
            bool has = newSkills.TryGetValue(name, out CodexSkill? n);
            if (!had)
            {
                Add("Skill", name, "Added", null, null, n!.Description, false);
            }
            else if (!has)
            {
                Add("Skill", name, "Removed", null, o!.Description, null, false);
            }
            else if (PluginFolder.ContentHash(Path.GetDirectoryName(o!.Path)!) != PluginFolder.ContentHash(Path.GetDirectoryName(n!.Path)!))
            {
                Add("Skill", name, "Changed", o.Description != n.Description ? "description" : "files", o.Description != n.Description ? o.Description : null, o.Description != n.Description ? n.Description : null, false);
            }
        }

        // MCP servers: by name, then property by property.
        var oldServers = before.McpServerDetails.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var newServers = after.McpServerDetails.ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (string name in oldServers.Keys.Union(newServers.Keys).Order(StringComparer.Ordinal))
        {
            bool had = oldServers.TryGetValue(name, out CodexMcpServer? o);
            bool has = newServers.TryGetValue(name, out CodexMcpServer? n);
            if (!had)
            {
                Add("McpServer", name, "Added", null, null, Reach(n!), true, $"a new MCP server '{name}' ({Reach(n!)})");
                continue;
            }

            if (!has)
            {
                Add("McpServer", name, "Removed", null, Reach(o!), null, false);
                continue;
            }

            foreach (var (property, oldValue, newValue, widens) in ServerProperties(o!, n!))
            {
                Add("McpServer", name, "Changed", property, oldValue, newValue, widens, $"'{name}' {property} is now {newValue ?? "unset"} (was {oldValue ?? "unset"})");
            }
        }

        // Hooks: by key (file, event, group and handler position), which stays put while the file keeps its shape.
        var oldHooks = before.HookDetails.ToDictionary(h => Relative(h.Key), StringComparer.Ordinal);
        var newHooks = after.HookDetails.ToDictionary(h => Relative(h.Key), StringComparer.Ordinal);
        foreach (string key in oldHooks.Keys.Union(newHooks.Keys).Order(StringComparer.Ordinal))
        {
            bool had = oldHooks.TryGetValue(key, out CodexHook? o);
            bool has = newHooks.TryGetValue(key, out CodexHook? n);
            if (!had)
            {
                Add("Hook", key, "Added", null, null, $"{n!.Event}: {Command(n)}", true, $"a new {n.Event} hook runs {Command(n)}", trust: true);
                continue;
            }

            if (!has)
            {
                Add("Hook", key, "Removed", null, $"{o!.Event}: {Command(o)}", null, false);
                continue;
            }

            if (Command(o!) != Command(n!))
            {
                Add("Hook", key, "Changed", "command", Command(o!), Command(n!), true, $"the {n!.Event} hook now runs {Command(n!)}", trust: true);
            }

            if (o!.Matcher != n!.Matcher)
            {
                Add("Hook", key, "Changed", "matcher", o.Matcher, n.Matcher, false, trust: true);
            }

            if (o.TimeoutSec != n.TimeoutSec)
            {
                Add("Hook", key, "Changed", "timeout", o.TimeoutSec.ToString(), n.TimeoutSec.ToString(), n.TimeoutSec > o.TimeoutSec, $"the {n.Event} hook may now run {n.TimeoutSec} s", trust: true);
            }
        }

        foreach (string app in after.Apps.Except(before.Apps, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            Add("App", app, "Added", null, null, app, true, $"a new app connector '{app}'");
        }

        foreach (string app in before.Apps.Except(after.Apps, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            Add("App", app, "Removed", null, app, null, false);
        }

        return diff;
    }

    private static void CompareManifest(CodexPluginTestResult before, CodexPluginTestResult after, Action<string, string, string, string?, string?, string?, bool, string?, bool> add)
    {
        Dictionary<string, string> Fields(CodexPluginTestResult r)
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            if (r.ManifestPath is null)
            {
                return fields;
            }

            try
            {
                TomlTableNode root = JsonFileReader.Read(r.ManifestPath, Diagnostics.ErrorIds.PluginManifestInvalid, FileSizeLimit.PluginJson);
                Flatten(root, string.Empty, fields);
            }
            catch (Diagnostics.CodexIssueException)
            {
                // A manifest that does not parse has no fields to compare; Test-CodexPlugin says why.
            }

            return fields;
        }

        var o = Fields(before);
        var n = Fields(after);
        foreach (string key in o.Keys.Union(n.Keys).Order(StringComparer.Ordinal))
        {
            o.TryGetValue(key, out string? ov);
            n.TryGetValue(key, out string? nv);
            if (ov != nv)
            {
                add("Manifest", key, ov is null ? "Added" : nv is null ? "Removed" : "Changed", key, ov, nv, false, null, false);
            }
        }
    }

    private static void Flatten(TomlNode node, string prefix, Dictionary<string, string> into)
    {
        if (node is TomlTableNode table)
        {
            foreach (var (key, value) in table.Items)
            {
                string path = prefix.Length == 0 ? key : $"{prefix}.{key}";
                if (prefix.Length == 0 && ComponentFields.Contains(key, StringComparer.Ordinal))
                {
                    continue;
                }

                Flatten(value, path, into);
            }

            return;
        }

        into[prefix] = node switch
        {
            TomlArrayNode a => "[" + string.Join(", ", a.Items.Select(i => i.ToPlainValue()?.ToString())) + "]",
            _ => node.ToPlainValue()?.ToString() ?? "null",
        };
    }

    private static IEnumerable<(string Property, string? Old, string? New, bool Widens)> ServerProperties(CodexMcpServer o, CodexMcpServer n)
    {
        static string? Join(IEnumerable<string>? items) => items is null ? null : string.Join(" ", items);
        static string? Map(IReadOnlyDictionary<string, string> map) => map.Count == 0 ? null : string.Join(", ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        static string? Keys(IEnumerable<string> keys) => keys.Any() ? string.Join(", ", keys.Order(StringComparer.Ordinal)) : null;
        static bool Unprompted(string? mode) => mode is "auto" or "approve";

        if (o.Transport != n.Transport)
        {
            yield return ("transport", o.Transport, n.Transport, true);
        }

        if (o.Command != n.Command)
        {
            yield return ("command", o.Command, n.Command, n.Command is not null);
        }

        if (Join(o.Args) != Join(n.Args))
        {
            yield return ("args", Join(o.Args), Join(n.Args), true);
        }

        if (o.Cwd != n.Cwd)
        {
            yield return ("cwd", o.Cwd, n.Cwd, false);
        }

        if (o.Url != n.Url)
        {
            yield return ("url", o.Url, n.Url, n.Url is not null);
        }

        var oldVars = o.EnvVars.Concat(o.Env.Keys).ToHashSet(StringComparer.Ordinal);
        var newVars = n.EnvVars.Concat(n.Env.Keys).ToHashSet(StringComparer.Ordinal);
        if (!oldVars.SetEquals(newVars))
        {
            yield return ("env_vars", Keys(oldVars), Keys(newVars), newVars.Except(oldVars).Any());
        }

        if (o.BearerTokenEnvVar != n.BearerTokenEnvVar)
        {
            yield return ("bearer_token_env_var", o.BearerTokenEnvVar, n.BearerTokenEnvVar, n.BearerTokenEnvVar is not null);
        }

        if (Map(o.EnvHttpHeaders) != Map(n.EnvHttpHeaders))
        {
            yield return ("env_http_headers", Map(o.EnvHttpHeaders), Map(n.EnvHttpHeaders), n.EnvHttpHeaders.Values.Except(o.EnvHttpHeaders.Values).Any());
        }

        if (Keys(o.HttpHeaders.Keys) != Keys(n.HttpHeaders.Keys))
        {
            yield return ("http_headers", Keys(o.HttpHeaders.Keys), Keys(n.HttpHeaders.Keys), n.HttpHeaders.Keys.Except(o.HttpHeaders.Keys).Any());
        }

        if (Join(o.EnabledTools) != Join(n.EnabledTools))
        {
            bool wider = n.EnabledTools is null || (o.EnabledTools is not null && n.EnabledTools.Except(o.EnabledTools).Any());
            yield return ("enabled_tools", Join(o.EnabledTools), Join(n.EnabledTools), wider);
        }

        if (Join(o.DisabledTools) != Join(n.DisabledTools))
        {
            bool wider = o.DisabledTools is not null && (n.DisabledTools is null || o.DisabledTools.Except(n.DisabledTools).Any());
            yield return ("disabled_tools", Join(o.DisabledTools), Join(n.DisabledTools), wider);
        }

        if (o.DefaultToolsApprovalMode != n.DefaultToolsApprovalMode)
        {
            yield return ("default_tools_approval_mode", o.DefaultToolsApprovalMode, n.DefaultToolsApprovalMode, Unprompted(n.DefaultToolsApprovalMode) && !Unprompted(o.DefaultToolsApprovalMode));
        }

        if (Map(o.ToolApprovalModes) != Map(n.ToolApprovalModes))
        {
            bool wider = n.ToolApprovalModes.Any(t => Unprompted(t.Value) && !(o.ToolApprovalModes.TryGetValue(t.Key, out string? was) && Unprompted(was)));
            yield return ("tools.approval_mode", Map(o.ToolApprovalModes), Map(n.ToolApprovalModes), wider);
        }

        if (o.StartupTimeoutSec != n.StartupTimeoutSec)
        {
            yield return ("startup_timeout_sec", o.StartupTimeoutSec.ToString(System.Globalization.CultureInfo.InvariantCulture), n.StartupTimeoutSec.ToString(System.Globalization.CultureInfo.InvariantCulture), false);
        }

        if (o.ToolTimeoutSec != n.ToolTimeoutSec)
        {
            yield return ("tool_timeout_sec", o.ToolTimeoutSec.ToString(System.Globalization.CultureInfo.InvariantCulture), n.ToolTimeoutSec.ToString(System.Globalization.CultureInfo.InvariantCulture), false);
        }
    }

    private static string Reach(CodexMcpServer s) => s.Transport == McpDefaults.StdioTransport
        ? $"runs {string.Join(' ', new[] { s.Command }.Concat(s.Args))}"
        : $"connects to {s.Url}";

    private static string Command(CodexHook h) => h.ConfiguredCommand ?? h.Command ?? $"{h.McpServer}/{h.McpTool}";

    /// <summary>plugin:skill -> skill: the plugin's name may differ between the two folders.</summary>
    private static string Local(string name) => name[(name.IndexOf(':') + 1)..];

    /// <summary>A hook key without the plugin id before the first ':' (file:event:group:handler stays).</summary>
    private static string Relative(string key) => key[(key.IndexOf(':') + 1)..];
}
