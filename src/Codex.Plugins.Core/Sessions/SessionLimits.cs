namespace Codex.Plugins.Sessions;

/// <summary>The [agents] limits sessions are held to (Codex's defaults: 6 threads, depth 1).</summary>
public sealed record SessionLimits(int MaxThreads, int MaxDepth)
{
    public static SessionLimits Default { get; } = new(Agents.AgentReader.DefaultMaxThreads, Agents.AgentReader.DefaultMaxDepth);

    /// <summary>
    /// The limits given, each one not given taken from <paramref name="home"/>'s [agents] table (null: a home that is
    /// not there, so Codex's defaults).
    /// </summary>
    public static SessionLimits From(int? maxThreads, int? maxDepth, Configuration.ConfigStack? home)
    {
        (int threads, int depth) = home is null ? (Default.MaxThreads, Default.MaxDepth) : Agents.AgentReader.Limits(home);
        return new SessionLimits(maxThreads ?? threads, maxDepth ?? depth);
    }
}
