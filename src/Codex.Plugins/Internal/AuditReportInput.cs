using Codex.Plugins.Reports;
using Codex.Plugins.Sessions;

namespace Codex.Plugins.Internal;

/// <summary>
/// What Export-CodexAuditReport gathers from the pipeline: findings (live, deserialized, or carried in a Findings
/// property) and session measurements, whose metrics the report gains and whose limit breaches become findings.
/// Input that is neither is an issue for the caller to write, so a report never looks clean by mistake.
/// </summary>
internal sealed class AuditReportInput
{
    private readonly List<AuditEntry> entries = new();
    private readonly SessionReportSection.Builder sessions = new();
    private readonly string machine;

    /// <param name="machine">The machine to name for findings that do not carry one (PSComputerName).</param>
    public AuditReportInput(string machine) => this.machine = machine;

    /// <summary>Gathers one pipeline object; returns ReportInputInvalid for each piece that is not a finding.</summary>
    public IEnumerable<CodexIssue> Add(PSObject input)
    {
        if (SessionInput.Read(input) is { } measurement)
        {
            sessions.Add(measurement);
            foreach (CodexFinding finding in SessionFindings.For(measurement))
            {
                var record = PSObject.AsPSObject(finding);
                record.Properties.Add(new PSNoteProperty("PSComputerName", measurement.Machine));
                FindingInput.Collect(record, machine, entries);
            }

            return Array.Empty<CodexIssue>();
        }

        return FindingInput.Collect(input, machine, entries).Select(unreadable => NotAFinding(input, unreadable)).ToList();
    }

    /// <summary>The report of everything gathered, made now.</summary>
    public AuditReport Build(string title) =>
        new(entries, title, AuditReport.ModuleVersion, DateTimeOffset.Now, Findings.AuditRuleCatalog.Rules, sessions.Count > 0 ? sessions.Build() : null);

    private static CodexIssue NotAFinding(PSObject input, PSObject unreadable)
    {
        string what = !ReferenceEquals(unreadable, input)
            ? $"The Findings of '{input}' hold something that is not a finding (no RuleId, Severity and Message): {unreadable.BaseObject.GetType().Name} '{Shorten(unreadable.ToString())}'. A finding that came back from a job or remote session as text has lost its fields."
            : $"The input is not a finding (no RuleId, Severity and Message) and carries no Findings: {input.BaseObject.GetType().Name} '{Shorten(input.ToString())}'.";
        return new CodexIssue(ErrorIds.ReportInputInvalid, IssueKind.InvalidData, what, File: null, Target: input.ToString(),
            RecommendedAction: "Pipe CodexFinding objects (Test-CodexConfiguration, or the Findings of Get-CodexPlugin), live or from Start-Job/Invoke-Command with this module loaded, into Export-CodexAuditReport.");
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..117] + "...";
}
