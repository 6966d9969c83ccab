using System.Collections;
using System.Management.Automation.Runspaces;
using Codex.Plugins.Internal;
using Codex.Plugins.Managed.Rollout;
using Codex.Plugins.Remoting;

namespace Codex.Plugins.Commands;

/// <summary>
/// Installs requirements.toml and managed_config.toml on many machines over PowerShell remoting (SSH or WinRM):
/// atomically, with a backup, verified by hash, idempotent, in parallel up to -ThrottleLimit; -Rollback restores the
/// last backup. The targets need PowerShell 7.4, not this module.
/// </summary>
[Cmdlet(VerbsData.Publish, "CodexManagedConfig", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "Session")]
[OutputType(typeof(CodexPublishResult))]
public sealed class PublishCodexManagedConfigCommand : CodexCmdlet
{
    private readonly List<PSObject> input = new();

    /// <summary>The files to install: New-CodexManagedConfig output (also deserialized).</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public PSObject[]? InputObject { get; set; }

    /// <summary>Sessions the caller already holds (New-PSSession -HostName/-ComputerName).</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Session")]
    [ValidateNotNullOrEmpty]
    public PSSession[] Session { get; set; } = Array.Empty<PSSession>();

    /// <summary>Hosts to reach over SSH; sessions are opened and closed by the command.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "HostName")]
    [ValidateNotNullOrEmpty]
    public string[] HostName { get; set; } = Array.Empty<string>();

    /// <summary>Computers to reach over WinRM; sessions are opened and closed by the command.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "ComputerName")]
    [ValidateNotNullOrEmpty]
    public string[] ComputerName { get; set; } = Array.Empty<string>();

    /// <summary>SSH: the user to log in as.</summary>
    [Parameter(ParameterSetName = "HostName")]
    [ValidateNotNullOrEmpty]
    public string? UserName { get; set; }

    /// <summary>SSH: the private key file.</summary>
    [Parameter(ParameterSetName = "HostName")]
    [ValidateNotNullOrEmpty]
    public string? KeyFilePath { get; set; }

    /// <summary>SSH: the port (default 22).</summary>
    [Parameter(ParameterSetName = "HostName")]
    [ValidateRange(1, 65535)]
    public int Port { get; set; }

    /// <summary>SSH: options passed to ssh (-o name=value), e.g. @{ StrictHostKeyChecking = 'yes' }.</summary>
    [Parameter(ParameterSetName = "HostName")]
    [ValidateNotNull]
    public Hashtable? Options { get; set; }

    /// <summary>WinRM: the credential.</summary>
    [Parameter(ParameterSetName = "ComputerName")]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>The folder on each target to install into. Default: where Codex reads the files on the target's platform.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SystemConfigPath { get; set; }

    /// <summary>How many targets are worked on at once (default 32).</summary>
    [Parameter]
    [ValidateRange(1, 1024)]
    public int ThrottleLimit { get; set; } = 32;

    /// <summary>How long to wait for another publisher's lock on a target (default 30 s).</summary>
    [Parameter]
    [ValidateRange(0, 3600)]
    public int LockTimeoutSec { get; set; } = 30;

    /// <summary>Restore the last backup of each file on each target instead of publishing (names from -InputObject, else both files).</summary>
    [Parameter]
    public SwitchParameter Rollback { get; set; }

    protected override void ProcessRecord()
    {
        if (InputObject is not null)
        {
            input.AddRange(InputObject);
        }
    }

    protected override void EndProcessing()
    {
        IReadOnlyList<CodexManagedConfig> files = FromParameters(() => ManagedConfigInput.Files(input, Rollback));
        var (targets, opened) = ParameterSetName == "Session" ? (RemoteSessions.Of(Session), new List<PSSession>())
            : RemoteSessions.Open(InvokeCommand, ParameterSetName == "HostName" ? HostName : ComputerName, SessionParameters());
        try
        {
            using var publication = new ManagedPublication(ThrottleLimit, SystemConfigPath ?? string.Empty, LockTimeoutSec);
            foreach (CodexPublishResult result in Rollback ? publication.Rollback(targets, files, ShouldProcess)
                : publication.Publish(targets, files, ShouldProcess, reportDeclined: !IsBound("Confirm"), WriteVerbose))
            {
                if (result.ErrorId is not null)
                {
                    WriteIssue(ManagedRollout.FailureIssue(result));
                }

                WriteObject(result);
            }
        }
        finally
        {
            RemoteSessions.Close(InvokeCommand, opened);
        }
    }

    /// <summary>-HostName or -ComputerName and the connection parameters given with it, as New-PSSession takes them.</summary>
    private Hashtable SessionParameters()
    {
        var parameters = new Hashtable { [ParameterSetName] = ParameterSetName == "HostName" ? HostName : ComputerName };
        if (UserName is not null) { parameters["UserName"] = UserName; }
        if (KeyFilePath is not null) { parameters["KeyFilePath"] = GetUnresolvedProviderPathFromPSPath(KeyFilePath); }
        if (Port > 0) { parameters["Port"] = Port; }
        if (Options is not null) { parameters["Options"] = Options; }
        if (Credential is not null) { parameters["Credential"] = Credential; }
        if (ParameterSetName == "ComputerName") { parameters["ThrottleLimit"] = ThrottleLimit; }
        return parameters;
    }
}
