using Codex.Plugins.Internal;
using Codex.Plugins.Masking;
using Codex.Plugins.Masking.Detection;
using Codex.Plugins.Masking.Operators;

namespace Codex.Plugins.Commands;

/// <summary>
/// Masks secrets and personal data in strings, objects and files. Tag keeps a token's prefix and kind with a keyed
/// HMAC tag; Placeholder numbers values per kind and writes a mapping (owner-only) that Unprotect-CodexData reverses;
/// Redact leaves the kind only. JSON, JSON Lines and TOML stay valid; files are written through the atomic writer.
/// </summary>
[Cmdlet(VerbsSecurity.Protect, "CodexData", DefaultParameterSetName = "InputObject", SupportsShouldProcess = true)]
[OutputType(typeof(string), typeof(PSObject), ParameterSetName = new[] { "InputObject" })]
[OutputType(typeof(CodexProtectResult), ParameterSetName = new[] { "Path", "InPlace" })]
public sealed class ProtectCodexDataCommand : MaskingCommandBase, IDisposable
{
    private DataProtector? protector;
    private string? mappingPath;
    private InOrderJobs<CodexProtectResult>? files;

    /// <summary>Strings or objects to mask (objects come back as masked copies of the same shape).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "InputObject", ValueFromPipeline = true)]
    [AllowNull]
    [AllowEmptyString]
    public PSObject? InputObject { get; set; }

    /// <summary>Files to mask; binds FullName from Get-ChildItem.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Path", ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, ParameterSetName = "InPlace", ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>Where the masked copy goes: a file (one -Path) or a folder (each file keeps its name).</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Path")]
    [ValidateNotNullOrEmpty]
    public string? Destination { get; set; }

    /// <summary>Replace each file with its masked copy (atomically; asks with -Confirm, shows with -WhatIf).</summary>
    [Parameter(Mandatory = true, ParameterSetName = "InPlace")]
    public SwitchParameter InPlace { get; set; }

    /// <summary>Auto (from the extension), Text, Json, JsonLines or Toml.</summary>
    [Parameter]
    [ValidateSet("Auto", "Text", "Json", "JsonLines", "Toml", IgnoreCase = true)]
    public string Format { get; set; } = "Auto";

    /// <summary>Tag (default), Placeholder or Redact.</summary>
    [Parameter]
    [ValidateSet("Tag", "Placeholder", "Redact", IgnoreCase = true)]
    public string Mode { get; set; } = "Tag";

    /// <summary>With -Mode Placeholder: the mapping file to write (readable by its owner only); an existing one is extended.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? MappingPath { get; set; }

    /// <summary>Secret, PersonalData or both (default both).</summary>
    [Parameter]
    [ValidateSet("Secret", "PersonalData", IgnoreCase = true)]
    public string[]? Category { get => CategoryNames; set => CategoryNames = value; }

    /// <summary>Replace an existing -Destination file.</summary>
    [Parameter(ParameterSetName = "Path")]
    public SwitchParameter Force { get; set; }

    protected override IReadOnlyList<DetectorCategory> DefaultCategories { get; } = new[] { DetectorCategory.Secret, DetectorCategory.PersonalData };

    protected override void BeginProcessing()
    {
        MaskMode mode = Enum.Parse<MaskMode>(Mode, ignoreCase: true);
        mappingPath = ProviderPath(MappingPath);
        PlaceholderMap? map = FromParameters(() => MaskingParameters.Mapping(mode, mappingPath));
        if (mode == MaskMode.Placeholder && mappingPath is null)
        {
            WriteWarning("-Mode Placeholder without -MappingPath: the placeholders cannot be reversed.");
        }

        var masker = new SecretMasker(mode, ReadKey(), map);
        protector = new DataProtector(new SecretScanner(BuildScanOptions()), masker);
        // Files are masked a core ahead of the one written out; placeholders are numbered in file order, so one at a time.
        files = new InOrderJobs<CodexProtectResult>(mode == MaskMode.Placeholder ? 0 : InOrderJobs<CodexProtectResult>.DefaultAhead);
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == "InputObject")
        {
            MaskFormat format = DataProtector.Resolve(Enum.Parse<MaskFormat>(Format, ignoreCase: true), null);
            if (InputObject is not null)
            {
                TryItem(() => WriteObject(ObjectWalker.Mask(InputObject, (key, text) => protector!.ProtectValue(key, text, format))));
            }

            return;
        }

        MaskFormat fileFormat = Enum.Parse<MaskFormat>(Format, ignoreCase: true);
        foreach (string input in Path!)
        {
            DataFileRewrite file = DataFileRewrite.Plan(ProviderPath(input), ProviderPath(Destination), InPlace, replaceExisting: Force);
            if (files!.Touches(file.Source) || files.Touches(file.Target))
            {
                // A file still being masked is this one's source or destination: planned again once it is written.
                files.DeliverAll();
                file = DataFileRewrite.Plan(ProviderPath(input), ProviderPath(Destination), InPlace, replaceExisting: Force);
            }

            if (file.Refusal is { } refusal)
            {
                files.Add(() => throw new CodexIssueException(refusal), Deliver);
            }
            else if (ShouldProcess(file.Target, InPlace ? $"Mask secrets in place ({Mode})" : $"Write a masked copy ({Mode}) of {file.Source}"))
            {
                files.Add(() => protector!.ProtectFile(file.Source, file.Target, fileFormat, mappingPath), Deliver, file.Source, file.Target);
            }
        }
    }

    /// <summary>A file's result (or its error), on the pipeline thread and in the order the files came.</summary>
    private void Deliver(Func<CodexProtectResult> masked) => TryItem(() =>
    {
        CodexProtectResult result = masked();
        WriteVerbose($"{result.Path}: {result.Replacements} replacement(s) ({string.Join(", ", result.Kinds)}).");
        WriteObject(result);
    });

    protected override void EndProcessing()
    {
        files?.DeliverAll();
        if (ParameterSetName == "InputObject" && mappingPath is not null && protector!.Masker.Map.Count > 0
            && ShouldProcess(mappingPath, $"Write the placeholder mapping ({protector.Masker.Map.Count} value(s), owner-only)"))
        {
            TryItem(() => protector.Masker.Map.Save(mappingPath));
        }
    }

    /// <summary>A stopped pipeline: files not started are not masked; one being masked is written whole or not at all.</summary>
    public void Dispose() => files?.Dispose();
}
