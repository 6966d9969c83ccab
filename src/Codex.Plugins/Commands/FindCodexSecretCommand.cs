using Codex.Plugins.Internal;
using Codex.Plugins.Masking;
using Codex.Plugins.Masking.Detection;

namespace Codex.Plugins.Commands;

/// <summary>
/// Finds secrets (and, with -Category PersonalData, personal data) in files, folders, strings and objects. Without
/// -Path or input it scans what Codex reads for the home and project. Findings carry a masked preview and a
/// fingerprint, never the secret unless -IncludeSecret is given.
/// </summary>
[Cmdlet(VerbsCommon.Find, "CodexSecret", DefaultParameterSetName = "Home")]
[OutputType(typeof(CodexSecretFinding))]
public sealed class FindCodexSecretCommand : MaskingCommandBase
{
    private SecretSearch? search;

    /// <summary>Files or folders to scan (folders recursively); binds FullName from Get-ChildItem.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path", ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>Strings or objects to scan; objects are walked deeply (properties, hashtables, arrays).</summary>
    [Parameter(Mandatory = true, ParameterSetName = "InputObject", ValueFromPipeline = true)]
    [AllowNull]
    [AllowEmptyString]
    public PSObject? InputObject { get; set; }

    /// <summary>Only files whose names match these wildcards.</summary>
    [Parameter(ParameterSetName = "Path")]
    [Parameter(ParameterSetName = "Home")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Include { get; set; }

    /// <summary>Leave out files and folders whose names match these wildcards.</summary>
    [Parameter(ParameterSetName = "Path")]
    [Parameter(ParameterSetName = "Home")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Exclude { get; set; }

    /// <summary>Skip files larger than this many bytes (SecretFileTooLarge). Default 256 MB; 0 means no limit.</summary>
    [Parameter(ParameterSetName = "Path")]
    [Parameter(ParameterSetName = "Home")]
    [ValidateRange(0, long.MaxValue)]
    public long MaxFileSize { get; set; } = 256L * 1024 * 1024;

    /// <summary>The Codex home to scan when no -Path is given. Default: $env:CODEX_HOME, else ~/.codex.</summary>
    [Parameter(ParameterSetName = "Home", ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? CodexHome { get; set; }

    /// <summary>The project whose AGENTS.md chain and .codex folder are scanned when no -Path is given. Default: the current location.</summary>
    [Parameter(ParameterSetName = "Home", ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? ProjectPath { get; set; }

    /// <summary>Secret (default), PersonalData, or both.</summary>
    [Parameter]
    [ValidateSet("Secret", "PersonalData", IgnoreCase = true)]
    public string[]? Category { get => CategoryNames; set => CategoryNames = value; }

    /// <summary>A file of fingerprints (one per line, or JSON): findings it lists are not reported, so a nightly job sees only new ones.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BaselinePath { get; set; }

    /// <summary>Adds the secret itself to each finding (Secret property). Only when asked for by name.</summary>
    [Parameter]
    public SwitchParameter IncludeSecret { get; set; }

    protected override IReadOnlyList<DetectorCategory> DefaultCategories { get; } = new[] { DetectorCategory.Secret };

    protected override void BeginProcessing()
    {
        SecretBaseline? baseline = BaselinePath is null ? null : FromParameters(() => SecretBaseline.Load(ProviderPath(BaselinePath)));
        if (baseline is not null)
        {
            WriteVerbose($"Baseline: {baseline.Count} fingerprint(s) from {BaselinePath}.");
        }

        search = new SecretSearch(new SecretSearchOptions
        {
            Scan = BuildScanOptions(),
            MaxFileSize = MaxFileSize,
            Include = Include ?? Array.Empty<string>(),
            Exclude = Exclude ?? Array.Empty<string>(),
            IncludeSecret = IncludeSecret,
            Key = ReadKey(),
            Baseline = baseline,
        });
        WriteVerbose($"Detectors: {search.Scanner.Detectors.Count}.");
    }

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case "InputObject":
                if (InputObject is not null)
                {
                    ObjectWalker.VisitStrings(InputObject, "InputObject", (path, text) =>
                    {
                        foreach (CodexSecretFinding finding in search!.SearchValue(path, text))
                        {
                            WriteObject(finding);
                        }
                    });
                }

                break;
            case "Path":
                foreach (string path in Path!)
                {
                    ScanPath(ProviderPath(path));
                }

                break;
            default:
                foreach (string path in SecretSearch.DefaultScope(EnvironmentOf(CodexHome, ProjectPath), WriteIssue))
                {
                    ScanPath(path);
                }

                break;
        }
    }

    private void ScanPath(string path)
    {
        WriteVerbose($"Scanning {path}.");
        using (ShowProgress("Find-CodexSecret", "Scanning", currentOperation: path))
        {
            search!.SearchPath(path, WriteObject, WriteIssue);
        }
    }
}
