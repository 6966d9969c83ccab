using System.Globalization;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Findings;

/// <summary>
/// Accepted risks as the caller wrote them (a hashtable per risk: RuleId, Target, Reason, Expires) turned into
/// <see cref="FindingSuppression"/>s, and applied to findings: covered ones are marked, never dropped silently.
/// </summary>
public static class FindingSuppressions
{
    /// <summary>One suppression from its fields, read by name (case-insensitive, as PowerShell reads hashtable keys).</summary>
    /// <exception cref="CodexIssueException">SuppressionInvalid: no RuleId, no Reason, or an Expires that is not a date.</exception>
    public static FindingSuppression Parse(Func<string, string?> field)
    {
        string? rule = field("RuleId");
        string? reason = field("Reason");
        if (string.IsNullOrWhiteSpace(rule) || string.IsNullOrWhiteSpace(reason))
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.SuppressionInvalid, IssueKind.InvalidData,
                "A suppression needs a RuleId and a Reason (Target defaults to *, Expires is optional).", null, Target: rule,
                RecommendedAction: "Pass @{ RuleId = 'CODEX-PERM-003'; Target = 'dev'; Reason = 'why'; Expires = '2027-01-31' }."));
        }

        DateTime? expires = null;
        if (field("Expires") is { Length: > 0 } text)
        {
            if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out DateTime parsed))
            {
                throw new CodexIssueException(new CodexIssue(ErrorIds.SuppressionInvalid, IssueKind.InvalidData,
                    $"The suppression of {rule} has an Expires that is not a date: {text}.", null, Target: rule,
                    RecommendedAction: "Write Expires as a date, e.g. '2027-01-31'."));
            }

            expires = parsed;
        }

        return new FindingSuppression(rule, field("Target") ?? "*", reason, expires);
    }

    /// <summary>
    /// -Suppression as its argument transformation left it (each entry a suppression, or the issue of one that could
    /// not be read): the suppressions, or the first unreadable entry's issue, thrown.
    /// </summary>
    public static IReadOnlyList<FindingSuppression> From(IEnumerable<object>? entries) =>
        entries?.OfType<CodexIssue>().FirstOrDefault() is { } invalid ? throw new CodexIssueException(invalid)
            : entries?.OfType<FindingSuppression>().ToList() ?? new List<FindingSuppression>();

    /// <summary>The warning for a suppression past its date: its findings are reported again.</summary>
    public static string ExpiredWarning(FindingSuppression old) =>
        $"The suppression of {old.RuleId} for '{old.Target}' expired on {old.Expires:yyyy-MM-dd}; its findings are reported again.";

    /// <summary>
    /// Every finding, those covered by a suppression that has not expired marked <see cref="CodexFinding.Suppressed"/>
    /// with its reason; <paramref name="expired"/> gets the suppressions past their date (they cover nothing).
    /// </summary>
    public static IReadOnlyList<CodexFinding> Apply(IEnumerable<CodexFinding> findings, IReadOnlyList<FindingSuppression> suppressions, DateTime now, out IReadOnlyList<FindingSuppression> expired)
    {
        expired = suppressions.Where(s => s.IsExpired(now)).ToList();
        var active = suppressions.Where(s => !s.IsExpired(now)).ToList();
        return findings
            .Select(f => active.FirstOrDefault(s => s.Matches(f)) is { } by ? f.AsSuppressed(by.Reason) : f)
            .ToList();
    }
}
