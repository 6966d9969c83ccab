using Codex.Plugins.Findings;

namespace Codex.Plugins.Masking;

/// <summary>
/// The audit's provider for secrets written where Codex reads text (skills, the AGENTS.md chain, agent files, hook
/// commands, plugin folders): the inventories the other providers already read, handed to <see cref="SecretFindings"/>.
/// </summary>
public sealed class WrittenSecretFindings : IFindingProvider
{
    public IEnumerable<CodexFinding> Find(AuditContext context) =>
        SecretFindings.For(context.Stack, context.Skills.Skills, context.Agents, context.Hooks.Hooks, context.Plugins.Plugins, context.Issues);
}
