namespace Codex.Plugins.Sessions;

/// <summary>Where a number came from: rollouts do not persist everything, so every metric says which file it read.</summary>
public static class MetricSources
{
    /// <summary>The session rollout ($CODEX_HOME/sessions/...jsonl).</summary>
    public const string Rollout = "rollout";

    /// <summary>A `codex exec --json` event file.</summary>
    public const string ExecJson = "exec-json";

    /// <summary>The JSONL log Invoke-CodexHook -LogPath writes.</summary>
    public const string HookLog = "hook-log";

    /// <summary>An OpenTelemetry log export (OTLP JSON) of codex's own events.</summary>
    public const string Otel = "otel";

    /// <summary>Nothing the module read holds this number.</summary>
    public const string None = "none";
}
