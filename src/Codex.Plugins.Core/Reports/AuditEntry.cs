namespace Codex.Plugins.Reports;

/// <summary>One finding as a report shows it: the finding itself plus where it was found (machine, plugin).</summary>
public sealed record AuditEntry(
    string RuleId,
    FindingSeverity Severity,
    string Message,
    string Target,
    string? File,
    int? Line,
    string Remediation,
    string Machine,
    string? PluginId)
{
    /// <summary>The config profile the finding was found under, if any.</summary>
    public string? Profile { get; init; }

    /// <summary>An accepted risk: reports list it as suppressed, never as an open result.</summary>
    public bool Suppressed { get; init; }

    public string? SuppressionReason { get; init; }

    /// <summary>One problem on one machine: the same finding piped twice (or found under two profiles) is one entry.</summary>
    internal string Identity => $"{Machine}\u0000{RuleId}\u0000{Target}\u0000{File}\u0000{Line}\u0000{Message}";

    /// <summary>
    /// A plugin the finding concerns: the one given, else the target when it is written as a plugin key
    /// (name@marketplace), which is how plugin findings name their subject.
    /// </summary>
    public static string? PluginOf(string target, string? pluginId)
    {
        if (!string.IsNullOrEmpty(pluginId))
        {
            return pluginId;
        }

        int at = target.IndexOf('@');
        return at > 0 && at < target.Length - 1 && target.IndexOf('@', at + 1) < 0 && !target.Contains(' ') ? target : null;
    }
}
