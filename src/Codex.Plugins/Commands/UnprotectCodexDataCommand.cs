using Codex.Plugins.Masking;
using Codex.Plugins.Masking.Operators;

namespace Codex.Plugins.Commands;

/// <summary>
/// Puts back the values Protect-CodexData -Mode Placeholder replaced (&lt;EMAIL_1&gt; and so on), from its mapping file:
/// an agent's answer about a masked ticket can be read with the real names again. A placeholder the mapping does not
/// know is MaskMappingMismatch, and nothing is restored for that input.
/// </summary>
[Cmdlet(VerbsSecurity.Unprotect, "CodexData", DefaultParameterSetName = "InputObject", SupportsShouldProcess = true)]
[OutputType(typeof(string), ParameterSetName = new[] { "InputObject" })]
[OutputType(typeof(CodexProtectResult), ParameterSetName = new[] { "Path", "InPlace" })]
public sealed class UnprotectCodexDataCommand : CodexCmdlet
{
    private PlaceholderMap? map;
    private string? mapping;

    /// <summary>Text holding placeholders.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "InputObject", ValueFromPipeline = true)]
    [AllowEmptyString]
    public string? InputObject { get; set; }

    /// <summary>Files holding placeholders; binds FullName from Get-ChildItem.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Path", ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, ParameterSetName = "InPlace", ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>Where the restored copy goes (a file, or a folder for several files).</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Path")]
    [ValidateNotNullOrEmpty]
    public string? Destination { get; set; }

    /// <summary>Restore each file in place (atomically).</summary>
    [Parameter(Mandatory = true, ParameterSetName = "InPlace")]
    public SwitchParameter InPlace { get; set; }

    /// <summary>The mapping Protect-CodexData -Mode Placeholder -MappingPath wrote.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? MappingPath { get; set; }

    protected override void BeginProcessing()
    {
        mapping = ProviderPath(MappingPath!);
        map = FromParameters(() => PlaceholderMap.Load(mapping));
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == "InputObject")
        {
            TryItem(() => WriteObject(DataProtector.Unprotect(InputObject ?? string.Empty, map!, null)));
            return;
        }

        foreach (string input in Path!)
        {
            // A restored copy replaces what is at -Destination: it is the caller's own file, made from a masked copy.
            DataFileRewrite file = DataFileRewrite.Plan(ProviderPath(input), ProviderPath(Destination), InPlace, replaceExisting: true);
            if (file.Refusal is not null)
            {
                WriteIssue(file.Refusal);
            }
            else if (ShouldProcess(file.Target, InPlace ? "Restore placeholders in place" : $"Write a restored copy of {file.Source}"))
            {
                TryItem(() => WriteObject(DataProtector.UnprotectFile(file.Source, file.Target, map!, mapping!)));
            }
        }
    }
}
