using System.Collections;
using System.Management.Automation;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Findings;

namespace Codex.Plugins.Commands;

/// <summary>
/// Runs every configuration rule over one Codex home and project and writes the findings: permission profiles,
/// custom agents against their parent's sandbox and the fan-out limits, MCP servers, plugins. Accepted risks can be
/// suppressed by rule id and target, with a reason and an optional expiry date.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "CodexConfiguration")]
[OutputType(typeof(CodexFinding))]
public sealed class TestCodexConfigurationCommand : CodexVersionedCommandBase
{
    /// <summary>Only findings of these rules; wildcards allowed.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? RuleId { get; set; }

    /// <summary>Accepted risks: hashtables or objects with RuleId, Target (default *), Reason (required) and Expires.</summary>
    [Parameter]
    [ValidateNotNull]
    public object[]? Suppression { get; set; }

    /// <summary>Also write suppressed findings, marked with Suppressed and SuppressionReason.</summary>
    [Parameter]
    public SwitchParameter IncludeSuppressed { get; set; }

    /// <summary>The folders :workspace_roots stands for. Default: the project path.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? WorkspaceRoot { get; set; }

    private List<FindingSuppression>? suppressions;

    protected override void BeginProcessing()
    {
        suppressions = new List<FindingSuppression>();
        foreach (object item in Suppression ?? Array.Empty<object>())
        {
            object value = item is PSObject ps ? ps.BaseObject : item;
            string? Get(string name) => value is IDictionary d
                ? d.Keys.Cast<object>().FirstOrDefault(k => string.Equals(k.ToString(), name, StringComparison.OrdinalIgnoreCase)) is { } key ? d[key]?.ToString() : null
                : PSObject.AsPSObject(item).Properties[name]?.Value?.ToString();
            string? rule = Get("RuleId");
            string? reason = Get("Reason");
            if (string.IsNullOrWhiteSpace(rule) || string.IsNullOrWhiteSpace(reason))
            {
                // A bad parameter: stop before any work, as for any other invalid argument.
                ThrowIssue(new CodexIssue(ErrorIds.SuppressionInvalid, IssueKind.InvalidData,
                    "A suppression needs a RuleId and a Reason (Target defaults to *, Expires is optional).", null, Target: rule,
                    RecommendedAction: "Pass @{ RuleId = 'CODEX-PERM-003'; Target = 'dev'; Reason = 'why'; Expires = '2027-01-31' }."));
                return;
            }

            DateTime? expires = null;
            if (Get("Expires") is { Length: > 0 } text)
            {
                if (!DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeLocal, out DateTime parsed))
                {
                    ThrowIssue(new CodexIssue(ErrorIds.SuppressionInvalid, IssueKind.InvalidData, $"The suppression of {rule} has an Expires that is not a date: {text}.", null, Target: rule));
                    return;
                }

                expires = parsed;
            }

            suppressions.Add(new FindingSuppression(rule, Get("Target") ?? "*", reason, expires));
        }
    }

    protected override void ProcessRecord()
    {
        ConfigStack stack = LoadStack();
        var issues = new List<CodexIssue>();
        string[]? roots = WorkspaceRoot?.Select(GetUnresolvedProviderPathFromPSPath).ToArray();
        IReadOnlyList<CodexFinding> findings = ConfigurationAudit.Run(stack, issues, ResolveInstallation(stack.Environment), roots);
        foreach (CodexIssue issue in issues.Distinct())
        {
            WriteIssue(issue);
        }

        var filter = RuleId is null ? null : RuleId.Select(r => WildcardPattern.Get(r, WildcardOptions.IgnoreCase)).ToArray();
        DateTime now = DateTime.Now;
        foreach (FindingSuppression expired in suppressions!.Where(s => s.IsExpired(now)))
        {
            WriteWarning($"The suppression of {expired.RuleId} for '{expired.Target}' expired on {expired.Expires:yyyy-MM-dd}; its findings are reported again.");
        }

        foreach (CodexFinding finding in findings)
        {
            if (filter is not null && !filter.Any(p => p.IsMatch(finding.RuleId)))
            {
                continue;
            }

            FindingSuppression? by = suppressions!.FirstOrDefault(s => !s.IsExpired(now) && s.Matches(finding));
            if (by is null)
            {
                WriteObject(finding);
            }
            else if (IncludeSuppressed)
            {
                var wrapped = PSObject.AsPSObject(finding);
                wrapped.Properties.Add(new PSNoteProperty("Suppressed", true));
                wrapped.Properties.Add(new PSNoteProperty("SuppressionReason", by.Reason));
                WriteObject(wrapped);
            }
            else
            {
                WriteVerbose($"Suppressed {finding.RuleId} for '{finding.Target}': {by.Reason}");
            }
        }
    }
}
