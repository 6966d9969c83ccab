using System.Reflection;

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

/// <summary>What a rule is, for the report's rule table (SARIF tool.driver.rules): the id and a one-line summary.</summary>
public sealed record AuditRule(string Id, string Summary, FindingSeverity DefaultSeverity, string? HelpUri);

/// <summary>Everything one report holds: findings in a stable order, the rules they cite, and where it was made.</summary>
public sealed class AuditReport
{
    public const string ToolName = "Codex.Plugins";
    public const string InformationUri = "https://github.com/codex-plugins/Codex.Plugins";

    /// <summary>The module's version as reports name it: the informational version without its build metadata.</summary>
    public static string ModuleVersion { get; } =
        typeof(AuditReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(AuditReport).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public AuditReport(IEnumerable<AuditEntry> entries, string title, string toolVersion, DateTimeOffset generatedAt, IReadOnlyDictionary<string, AuditRule>? knownRules = null, SessionReportSection? sessions = null)
    {
        Sessions = sessions;
        // Most severe first, then by machine, rule and place, so two runs over the same files give the same report.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        List<AuditEntry> all = entries
            .Where(e => seen.Add(e.Identity))
            .OrderByDescending(e => e.Severity)
            .ThenBy(e => e.Machine, StringComparer.Ordinal)
            .ThenBy(e => e.RuleId, StringComparer.Ordinal)
            .ThenBy(e => e.File ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(e => e.Line ?? 0)
            .ThenBy(e => e.Target, StringComparer.Ordinal)
            .ToList();
        Entries = all.Where(e => !e.Suppressed).ToList();
        Suppressed = all.Where(e => e.Suppressed).ToList();
        Title = title;
        ToolVersion = toolVersion;
        GeneratedAt = generatedAt;
        Rules = all
            .GroupBy(e => e.RuleId, StringComparer.Ordinal)
            .Select(g => knownRules is not null && knownRules.TryGetValue(g.Key, out AuditRule? rule)
                ? rule
                : new AuditRule(g.Key, g.Key, g.Max(e => e.Severity), null))
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The open findings.</summary>
    public IReadOnlyList<AuditEntry> Entries { get; }

    /// <summary>Session metrics, when sessions were measured into the report; null otherwise.</summary>
    public SessionReportSection? Sessions { get; }

    /// <summary>Findings covered by an accepted risk, listed apart with their reason.</summary>
    public IReadOnlyList<AuditEntry> Suppressed { get; }

    public IReadOnlyList<AuditRule> Rules { get; }

    public string Title { get; }

    public string ToolVersion { get; }

    public DateTimeOffset GeneratedAt { get; }

    public int Count(FindingSeverity severity) => Entries.Count(e => e.Severity == severity);

    public IReadOnlyList<string> Machines => Entries.Select(e => e.Machine).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
