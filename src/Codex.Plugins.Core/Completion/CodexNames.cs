using Codex.Plugins.Agents;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Findings;
using Codex.Plugins.Hooks;
using Codex.Plugins.Mcp;
using Codex.Plugins.Permissions;
using Codex.Plugins.Plugins;
using Codex.Plugins.Skills;

namespace Codex.Plugins.Completion;

/// <summary>
/// The names Codex knows in one configuration, by kind, for Tab completion: read with the same readers the cmdlets
/// use, so what completes is what the cmdlet finds. Problems met while reading are ignored: completion never errors.
/// </summary>
public static class CodexNames
{
    public static IEnumerable<string> Of(CodexNameKind kind, CodexEnvironment environment)
    {
        if (kind == CodexNameKind.RuleId)
        {
            return AuditRuleCatalog.Rules.Keys.Order(StringComparer.Ordinal);
        }

        if (kind == CodexNameKind.ConfigProfile)
        {
            return ConfigProfiles.Names(environment);
        }

        ConfigStack stack = ConfigStack.Load(environment);
        var ignored = new List<CodexIssue>();
        IEnumerable<string> names = kind switch
        {
            CodexNameKind.McpServer => McpServerInventory.Read(stack, includeSecret: false, AgentFileLocator.McpServers(AgentFileLocator.Read(stack, ignored))).Servers.Select(s => s.Name),
            CodexNameKind.Plugin => PluginInventory.Read(stack, includeAvailable: false).Plugins.SelectMany(p => new[] { p.Name, p.PluginId }),
            CodexNameKind.PluginId => PluginInventory.Read(stack, includeAvailable: false).Plugins.Where(p => p.Installed).Select(p => p.PluginId),
            CodexNameKind.AvailablePluginId => PluginInventory.Read(stack, includeAvailable: true).Plugins.Select(p => p.PluginId),
            CodexNameKind.Marketplace => PluginInventory.ReadMarketplaces(stack).Marketplaces.Select(m => m.Name),
            CodexNameKind.PermissionProfile => new PermissionResolver(stack).ProfileNames,
            CodexNameKind.HookKey => HookInventory.Read(stack).Hooks.Select(h => h.Key),
            CodexNameKind.Skill => SkillInventory.Read(stack).Skills.Select(s => s.Name),
            CodexNameKind.Agent => AgentReader.Read(stack, ignored).Select(a => a.Name),
            CodexNameKind.ConfigKey => ConfigKeys(stack),
            _ => Enumerable.Empty<string>(),
        };
        return names.Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every key Get-CodexConfig shows, and each table above one (it takes a prefix), in its dotted form.</summary>
    private static IEnumerable<string> ConfigKeys(ConfigStack stack)
    {
        foreach (CodexConfigValue value in ConfigValueReader.Read(stack, null, null, includeSecret: false))
        {
            IReadOnlyList<string> segments = TomlKey.Split(value.Key);
            for (int depth = 1; depth <= segments.Count; depth++)
            {
                yield return TomlKey.Join(segments.Take(depth));
            }
        }
    }
}
