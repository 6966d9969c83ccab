using System.IO;
using System.Management.Automation;
using System.Reflection;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Internal;
using Codex.Plugins.Reports;
using Codex.Plugins.Sessions;

namespace Codex.Plugins.Commands;

/// <summary>Writes findings as a JSON, SARIF 2.1.0, HTML or Markdown report.</summary>
[Cmdlet(VerbsData.Export, "CodexAuditReport", SupportsShouldProcess = true, DefaultParameterSetName = "Text")]
[OutputType(typeof(string), ParameterSetName = new[] { "Text" })]
[OutputType(typeof(FileInfo), ParameterSetName = new[] { "File" })]
public sealed class ExportCodexAuditReportCommand : PSCmdlet
{
    private readonly List<AuditEntry> entries = new();
    private readonly SessionReportSection.Builder sessions = new();

    /// <summary>
    /// Findings (CodexFinding, live or deserialized), objects that carry them in a Findings property, or session
    /// measurements (Measure-CodexSession), whose metrics the report gains and whose limit breaches become findings.
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    /// <summary>Json, Sarif, Html or Markdown. Default: from the -Path extension, else Json.</summary>
    /// <remarks>A string, not the engine's enum: parameter types are reflected at import, before the engine loads.</remarks>
    [Parameter(Position = 0)]
    [ValidateSet("Json", "Sarif", "Html", "Markdown", IgnoreCase = true)]
    public string? Format { get; set; }

    /// <summary>The file to write. Without it the report is written to the pipeline as one string.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "File")]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>The report's title.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Title { get; set; } = "Codex configuration audit";

    /// <summary>The machine to name for findings that do not carry one (PSComputerName). Default: this computer.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Machine { get; set; } = Environment.MachineName;

    /// <summary>Refuse to replace an existing file.</summary>
    [Parameter(ParameterSetName = "File")]
    public SwitchParameter NoClobber { get; set; }

    /// <summary>Write the file's FileInfo to the pipeline.</summary>
    [Parameter(ParameterSetName = "File")]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (InputObject is null)
        {
            return;
        }

        if (SessionInput.Read(InputObject) is { } measurement)
        {
            sessions.Add(measurement);
            foreach (CodexFinding finding in SessionFindings.For(measurement))
            {
                var record = PSObject.AsPSObject(finding);
                record.Properties.Add(new PSNoteProperty("PSComputerName", measurement.Machine));
                FindingInput.Collect(record, Machine, entries);
            }

            return;
        }

        foreach (PSObject unreadable in FindingInput.Collect(InputObject, Machine, entries))
        {
            bool nested = !ReferenceEquals(unreadable, InputObject);
            string what = nested
                ? $"The Findings of '{InputObject}' hold something that is not a finding (no RuleId, Severity and Message): {unreadable.BaseObject.GetType().Name} '{Shorten(unreadable.ToString())}'. A finding that came back from a job or remote session as text has lost its fields."
                : $"The input is not a finding (no RuleId, Severity and Message) and carries no Findings: {InputObject.BaseObject.GetType().Name} '{Shorten(InputObject.ToString())}'.";
            WriteError(ErrorRecordFactory.Create(new CodexIssue(ErrorIds.ReportInputInvalid, IssueKind.InvalidData,
                what, File: null, Target: InputObject.ToString(),
                RecommendedAction: "Pipe CodexFinding objects (Test-CodexConfiguration, or the Findings of Get-CodexPlugin), live or from Start-Job/Invoke-Command with this module loaded, into Export-CodexAuditReport.")));
        }
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..117] + "...";

    protected override void EndProcessing()
    {
        string? target = Path is null ? null : GetUnresolvedProviderPathFromPSPath(Path);
        ReportFormat format = Format is not null ? Enum.Parse<ReportFormat>(Format, ignoreCase: true)
            : (target is null ? null : ReportFile.FormatOf(target)) ?? ReportFormat.Json;
        string version = typeof(AuditReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? typeof(AuditReport).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var report = new AuditReport(entries, Title, version, DateTimeOffset.Now, Findings.AuditRuleCatalog.Rules, sessions.Count > 0 ? sessions.Build() : null);
        string text = ReportRenderer.Render(report, format);

        if (target is null)
        {
            WriteObject(text);
            return;
        }

        if (NoClobber && File.Exists(target))
        {
            ThrowTerminatingError(ErrorRecordFactory.Create(new CodexIssue(ErrorIds.ReportFileExists, IssueKind.InvalidData,
                $"The file '{target}' exists and -NoClobber was given.", target, Target: target, RecommendedAction: "Choose another -Path, or drop -NoClobber.")));
        }

        if (!ShouldProcess(target, $"Write a {format} report of {report.Entries.Count} finding(s)"))
        {
            return;
        }

        try
        {
            ReportFile.Write(target, text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CodexIssueException)
        {
            string why = ex is CodexIssueException issue ? issue.Issue.Message : ex.Message;
            ThrowTerminatingError(ErrorRecordFactory.Create(new CodexIssue(ErrorIds.ReportWriteFailed, IssueKind.ReadError,
                $"The report could not be written to '{target}': {why}", target, Target: target,
                RecommendedAction: "Check that the folder is writable and the file is not marked read-only.")));
        }

        if (PassThru)
        {
            WriteObject(new FileInfo(target));
        }
    }
}
