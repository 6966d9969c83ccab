namespace Codex.Plugins.Findings;

/// <summary>
/// The rules of one Codex concept (permissions, agents, MCP servers, ...): each concept's folder holds its provider,
/// and <see cref="ConfigurationAudit"/> only composes them.
/// </summary>
public interface IFindingProvider
{
    IEnumerable<CodexFinding> Find(AuditContext context);
}
