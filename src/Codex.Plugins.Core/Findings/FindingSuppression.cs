using System.Text.RegularExpressions;

namespace Codex.Plugins.Findings;

/// <summary>
/// An accepted risk: findings of this rule for these targets are left out of reports, with a reason, until an
/// optional expiry date. An expired suppression suppresses nothing (the finding comes back).
/// </summary>
public sealed class FindingSuppression
{
    public FindingSuppression(string ruleId, string target, string reason, DateTime? expires)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A suppression needs a reason.", nameof(reason));
        }

        RuleId = ruleId;
        Target = string.IsNullOrEmpty(target) ? "*" : target;
        Reason = reason;
        Expires = expires;
    }

    public string RuleId { get; }

    /// <summary>The finding's target; * and ? wildcards allowed; * (default) = every target.</summary>
    public string Target { get; }

    public string Reason { get; }

    public DateTime? Expires { get; }

    public bool IsExpired(DateTime now) => Expires is { } e && e < now;

    public bool Matches(CodexFinding finding) =>
        string.Equals(RuleId, finding.RuleId, StringComparison.OrdinalIgnoreCase)
        && Regex.IsMatch(finding.Target, "^" + Regex.Escape(Target).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public override string ToString() => $"{RuleId} {Target}: {Reason}";
}
