using Codex.Plugins.Internal;
using Codex.Plugins.Managed;

namespace Codex.Plugins.Commands;

/// <summary>
/// A machine's configuration against its requirements (or a policy not shipped yet): what Codex replaces, disables,
/// skips and refuses, and the approval policy and sandbox it ends up with. One summary object per machine.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "CodexCompliance", DefaultParameterSetName = "Default")]
[OutputType(typeof(CodexCompliance))]
[OutputType(typeof(bool))]
public sealed class TestCodexComplianceCommand : CodexCommandBase
{
    private readonly List<(string Name, string Text)> preview = new();

    /// <summary>
    /// Requirements to preview instead of the machine's own: the path of a requirements.toml or managed_config.toml, or
    /// New-CodexManagedConfig output (also deserialized). Each file given replaces the machine's file of that name.
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public PSObject[]? Requirements { get; set; }

    /// <summary>Only $true (compliant) or $false: the "test" half of a desired-state pair with Publish-CodexManagedConfig.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessRecord()
    {
        foreach (PSObject item in Requirements ?? Array.Empty<PSObject>())
        {
            preview.Add(FromParameters(() => ManagedConfigInput.Preview(item, GetUnresolvedProviderPathFromPSPath)));
        }
    }

    protected override void EndProcessing()
    {
        CodexEnvironment environment = ResolveEnvironment();
        ManagedLayerOverride? layers = FromParameters(() => ComplianceEvaluator.Preview(preview, environment));
        WriteVerbose($"Checking compliance: home {environment.CodexHome}, system {environment.SystemConfigDirectory}{(layers is null ? string.Empty : ", with the requirements given")}.");
        var (result, issues) = ComplianceEvaluator.Evaluate(environment, Environment.MachineName, layers);
        WriteIssues(issues);
        WriteObject(Quiet ? result.Compliant : result);
    }
}
