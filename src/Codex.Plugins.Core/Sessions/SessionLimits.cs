namespace Codex.Plugins.Sessions;

/// <summary>The [agents] limits sessions are held to (Codex's defaults: 6 threads, depth 1).</summary>
public sealed record SessionLimits(int MaxThreads, int MaxDepth)
{
    public static SessionLimits Default { get; } = new(Agents.AgentReader.DefaultMaxThreads, Agents.AgentReader.DefaultMaxDepth);
}
