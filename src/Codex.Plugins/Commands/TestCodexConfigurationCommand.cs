using Codex.Plugins.Findings;
using Codex.Plugins.Internal;

namespace Codex.Plugins.Commands;

/// <summary>
/// Runs every configuration rule over one Codex home and project and writes the findings: a configuration Codex
/// cannot load, inline secrets, permission profiles, custom agents, MCP servers, plugins, hooks, skills. Accepted
/// risks can be suppressed by rule id and target, with a reason and an optional expiry date.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "CodexConfiguration")]
[OutputType(typeof(CodexFinding))]
public sealed class TestCodexConfigurationCommand : CodexVersionedCommandBase
{
    /// <summary>Only findings of these rules; wildcards allowed. A name that matches no rule is an error.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RuleIdCompleter))]
    public string[]? RuleId { get; set; }

    /// <summary>Accepted risks: hashtables or objects with RuleId, Target (default *), Reason (required) and Expires.</summary>
    [Parameter]
    [ValidateNotNull]
    [SuppressionTransformation]
    public object[]? Suppression { get; set; }

    /// <summary>Also write suppressed findings, marked with Suppressed and SuppressionReason.</summary>
    [Parameter]
    public SwitchParameter IncludeSuppressed { get; set; }

    /// <summary>Audit the configuration without a profile and under each NAME.config.toml of the home; each finding once.</summary>
    [Parameter]
    public SwitchParameter AllProfiles { get; set; }

    /// <summary>The folders :workspace_roots stands for. Default: the project path.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? WorkspaceRoot { get; set; }

    private IReadOnlyList<FindingSuppression> suppressions = Array.Empty<FindingSuppression>();
    private NameFilter? ruleFilter;

    protected override void BeginProcessing()
    {
        suppressions = FromParameters(() => FindingSuppressions.From(Suppression));
        CheckParameters(() => ConfigurationAudit.CheckProfileChoice(AllProfiles, Profile));
        if (RuleId is not null)
        {
            // Rule ids are the module's own words, not Codex's: they match whatever the case.
            ruleFilter = new NameFilter(RuleId, ignoreCase: true);
            if (ruleFilter.SelectingNone(AuditRuleCatalog.Rules.Keys).FirstOrDefault() is { } unknown)
            {
                ThrowIssue(AuditRuleCatalog.Unknown(unknown));
            }
        }
    }

    protected override void ProcessRecord()
    {
        var issues = new List<CodexIssue>();
        string[]? roots = WorkspaceRoot?.Select(GetUnresolvedProviderPathFromPSPath).ToArray();
        CodexEnvironment environment = ResolveEnvironment();
        IReadOnlyList<CodexFinding> findings = AllProfiles ? ConfigurationAudit.RunAllProfiles(environment, issues, ResolveInstallation(environment), roots)
            : ConfigurationAudit.Run(LoadStack(environment), issues, ResolveInstallation(environment), roots);
        WriteIssues(issues.Distinct());

        IReadOnlyList<CodexFinding> judged = FindingSuppressions.Apply(
            findings.Where(f => ruleFilter is null || ruleFilter.Selects(f.RuleId)), suppressions, DateTime.Now, out var expired);
        foreach (FindingSuppression old in expired)
        {
            WriteWarning(FindingSuppressions.ExpiredWarning(old));
        }

        foreach (CodexFinding finding in judged)
        {
            if (!finding.Suppressed || IncludeSuppressed)
            {
                WriteObject(finding);
            }
            else
            {
                WriteVerbose($"Suppressed {finding.RuleId} for '{finding.Target}': {finding.SuppressionReason}");
            }
        }
    }
}
