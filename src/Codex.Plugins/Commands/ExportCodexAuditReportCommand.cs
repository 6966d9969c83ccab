using Codex.Plugins.Internal;
using Codex.Plugins.Reports;

namespace Codex.Plugins.Commands;

/// <summary>Writes findings as a JSON, SARIF 2.1.0, HTML or Markdown report.</summary>
[Cmdlet(VerbsData.Export, "CodexAuditReport", SupportsShouldProcess = true, DefaultParameterSetName = "Text")]
[OutputType(typeof(string), ParameterSetName = new[] { "Text" })]
[OutputType(typeof(FileInfo), ParameterSetName = new[] { "File" })]
public sealed class ExportCodexAuditReportCommand : CodexCmdlet
{
    private AuditReportInput? input;

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

    protected override void BeginProcessing() => input = new AuditReportInput(Machine);

    protected override void ProcessRecord()
    {
        if (InputObject is not null)
        {
            WriteIssues(input!.Add(InputObject));
        }
    }

    protected override void EndProcessing()
    {
        string? target = ProviderPath(Path);
        ReportFormat format = ReportFile.FormatFor(Format, target);
        AuditReport report = input!.Build(Title);
        string text = ReportRenderer.Render(report, format);
        if (target is null)
        {
            WriteObject(text);
            return;
        }

        if (NoClobber && ReportFile.RefuseExisting(target) is { } exists)
        {
            ThrowIssue(exists);
        }

        if (!ShouldProcess(target, $"Write a {format} report of {report.Entries.Count} finding(s)"))
        {
            return;
        }

        try
        {
            ReportFile.Write(target, text);
        }
        catch (CodexIssueException ex)
        {
            // A failed write is not a bad parameter: it keeps the category of its kind.
            ThrowTerminatingError(ErrorRecordFactory.Create(ex.Issue));
        }

        if (PassThru)
        {
            WriteObject(new FileInfo(target));
        }
    }
}
