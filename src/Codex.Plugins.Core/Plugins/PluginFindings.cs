using Codex.Plugins.Diagnostics;
using Codex.Plugins.Findings;

namespace Codex.Plugins.Plugins;

/// <summary>The plugin rule of the audit: the paths the plugin reader found invalid in installed plugins.</summary>
public sealed class PluginFindings : IFindingProvider
{
    public IEnumerable<CodexFinding> Find(AuditContext context)
    {
        foreach (CodexPlugin plugin in context.Plugins.Plugins.Where(p => p.Installed))
        {
            foreach (CodexFinding f in plugin.Findings.Where(f => f.RuleId == ErrorIds.PluginPathInvalid))
            {
                yield return new CodexFinding(AuditRuleIds.PluginPathInvalid, FindingSeverity.Error, f.Message, plugin.PluginId, f.File, f.Line, f.Remediation);
            }
        }
    }
}
