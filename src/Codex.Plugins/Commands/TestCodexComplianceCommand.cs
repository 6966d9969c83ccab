using System.Management.Automation;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
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
    private readonly List<(string Name, string Text, string Source)> preview = new();

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
            object value = item.BaseObject;
            if (value is CodexManagedConfig file)
            {
                preview.Add((file.Name, file.Text, file.Source));
            }
            else if (item.Properties["Text"]?.Value is string text && item.Properties["Name"]?.Value is string name)
            {
                preview.Add((name, text, item.Properties["Source"]?.Value as string ?? name));
            }
            else
            {
                string path = GetUnresolvedProviderPathFromPSPath(value.ToString()!);
                try
                {
                    CodexManagedConfig read = ManagedConfigDocument.FromFile(path);
                    preview.Add((read.Name, read.Text, path));
                }
                catch (CodexIssueException ex)
                {
                    ThrowIssue(ex.Issue with { ErrorId = ErrorIds.ManagedPolicyFileInvalid });
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    ThrowIssue(new CodexIssue(ErrorIds.ManagedPolicyFileInvalid, IssueKind.ReadError, $"{path} cannot be read: {ex.Message}", path, Target: path,
                        RecommendedAction: "Give the path of a requirements.toml or managed_config.toml, or New-CodexManagedConfig output."));
                }
            }
        }
    }

    protected override void EndProcessing()
    {
        CodexEnvironment environment = ResolveEnvironment();
        ManagedLayerOverride? layers = null;
        try
        {
            layers = Override(environment);
        }
        catch (CodexIssueException ex)
        {
            ThrowIssue(ex.Issue with { ErrorId = ErrorIds.ManagedPolicyFileInvalid });
        }

        WriteVerbose($"Checking compliance: home {environment.CodexHome}, system {environment.SystemConfigDirectory}{(layers is null ? string.Empty : ", with the requirements given")}.");
        var (result, issues) = ComplianceEvaluator.Evaluate(environment, Environment.MachineName, layers);
        foreach (CodexIssue issue in issues)
        {
            WriteIssue(issue);
        }

        WriteObject(Quiet ? result.Compliant : result);
    }

    private ManagedLayerOverride? Override(CodexEnvironment environment)
    {
        if (preview.Count == 0)
        {
            return null;
        }

        LayerReplacement? requirements = null;
        LayerReplacement? managed = null;
        foreach (var (name, text, _) in preview)
        {
            if (string.Equals(name, ManagedPolicyRules.ManagedConfigFileName, StringComparison.OrdinalIgnoreCase))
            {
                managed = ComplianceEvaluator.ReplacementFromText(text, environment.ManagedConfigPath);
            }
            else
            {
                requirements = ComplianceEvaluator.ReplacementFromText(text, environment.RequirementsPath);
            }
        }

        // A preview of managed defaults alone is checked against the machine's own requirements, and the other way round.
        return new ManagedLayerOverride(requirements, managed);
    }
}
