using System.Text.Json.Nodes;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Hooks;
using Codex.Plugins.Masking;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>The hooks/hooks.json part of a new plugin: hooks grouped by event and matcher, as Codex reads them.</summary>
internal static class PluginHooksPackager
{
    public static JsonObject Build(IEnumerable<PluginHookDefinition> hooks, List<CodexIssue> problems)
    {
        var events = new JsonObject();
        foreach (var byEvent in hooks.GroupBy(h => h.Event, StringComparer.Ordinal))
        {
            if (HookEvent.Find(byEvent.Key) is not { } hookEvent)
            {
                problems.Add(PluginPartIssue.Invalid($"Codex has no hook event '{byEvent.Key}'.", null, byEvent.Key, $"Use one of: {string.Join(", ", HookEvent.Names)}."));
                continue;
            }

            var groups = new JsonArray();
            foreach (var byMatcher in byEvent.GroupBy(h => h.Matcher ?? string.Empty, StringComparer.Ordinal))
            {
                var handlers = new JsonArray();
                foreach (PluginHookDefinition hook in byMatcher)
                {
                    if (!string.Equals(SecretText.Mask(hook.Command), hook.Command, StringComparison.Ordinal))
                    {
                        problems.Add(PluginPartIssue.Invalid($"The {hookEvent.Name} hook command carries a secret ({SecretText.Mask(hook.Command)}); it is not copied into a plugin.", null, hookEvent.Name,
                            "Let the command read the secret from an environment variable."));
                        continue;
                    }

                    var handler = new JsonObject { ["type"] = "command", ["command"] = hook.Command };
                    if (hook.TimeoutSec is { } timeout)
                    {
                        handler["timeout"] = timeout;
                    }

                    if (hook.StatusMessage is { Length: > 0 } status)
                    {
                        handler["statusMessage"] = status;
                    }

                    handlers.Add(handler);
                }

                var group = new JsonObject();
                if (byMatcher.Key.Length > 0 && hookEvent.UsesMatcher)
                {
                    group["matcher"] = byMatcher.Key;
                }

                group["hooks"] = handlers;
                groups.Add(group);
            }

            events[hookEvent.Name] = groups;
        }

        return new JsonObject { ["hooks"] = events };
    }
}
