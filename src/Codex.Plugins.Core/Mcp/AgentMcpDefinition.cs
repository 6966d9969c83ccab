using Codex.Plugins.Configuration;

namespace Codex.Plugins.Mcp;

/// <summary>A server a custom agent file defines for the agent's own sessions.</summary>
public sealed record AgentMcpDefinition(string AgentName, string File, string Name, TomlNode Definition);
