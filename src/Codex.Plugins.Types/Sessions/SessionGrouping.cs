namespace Codex.Plugins;

/// <summary>How Measure-CodexSession -GroupBy buckets sessions for trends.</summary>
public enum SessionGrouping
{
    None,
    Day,
    Machine,
    Role,
    Model,
}
