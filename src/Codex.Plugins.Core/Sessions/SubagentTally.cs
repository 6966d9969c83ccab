namespace Codex.Plugins.Sessions;

/// <summary>
/// The subagents one rollout spawned, and the most that were open at once. Codex counts a subagent against
/// agents.max_threads from its spawn until close_agent, finished or not.
/// </summary>
internal sealed class SubagentTally
{
    private readonly HashSet<string> spawnedIds = new(StringComparer.Ordinal);
    private int spawnedByItems;
    private int open;
    private int peakOpen;

    /// <summary>A spawn_agent call's output named the agent it started.</summary>
    public void Spawned(string agentId)
    {
        if (spawnedIds.Add(agentId))
        {
            open++;
            peakOpen = Math.Max(peakOpen, open);
        }
    }

    /// <summary>A close_agent call.</summary>
    public void Closed()
    {
        if (open > 0)
        {
            open--;
        }
    }

    /// <summary>A completed spawn_agent item (newer rollouts), with the threads it started.</summary>
    public void SpawnedByItem(int receivers) => spawnedByItems += receivers;

    public void AddTo(CodexSessionMeasurement measurement)
    {
        measurement.SubagentIds.AddRange(spawnedIds.Order(StringComparer.Ordinal));
        measurement.SubagentsSpawned = Math.Max(spawnedByItems, spawnedIds.Count);
        measurement.PeakOpenSubagents = spawnedIds.Count == 0 ? spawnedByItems : peakOpen;
    }
}
