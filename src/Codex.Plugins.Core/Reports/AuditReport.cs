using System.Reflection;

namespace Codex.Plugins.Reports;

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
