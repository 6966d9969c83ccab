using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Managed;
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
public sealed class PublishCodexManagedConfigCommand : PSCmdlet
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
        IReadOnlyList<CodexManagedConfig> files = input.Select(ToFile).ToList();
        if (files.Count == 0 && !Rollback)
        {
            ThrowIssue(ManagedRollout.NothingToPublish());
        }

        files = files.Count == 0 ? ManagedRollout.RollbackFiles() : files;
        var (targets, opened) = ParameterSetName == "Session" ? (RemoteSessions.Of(Session), new List<PSSession>())
            : RemoteSessions.Open(InvokeCommand, ParameterSetName == "HostName" ? HostName : ComputerName, SessionParameters());
        try
        {
            using var installer = new ManagedFileInstaller(ThrottleLimit, SystemConfigPath ?? string.Empty, LockTimeoutSec);
            var reachable = targets.Where(t => t.Session is not null).ToList();
            if (Rollback)
            {
                var approved = reachable.Where(t => ShouldProcess(t.Name, $"Restore the last backup of {string.Join(", ", files.Select(f => f.Name))}")).ToList();
                Emit(installer.Run(approved, "Rollback", _ => files, withText: false, (t, answer) => ManagedRollout.Result(t.Name, answer, rollback: true, null)));
            }
            else
            {
                Publish(installer, reachable, files);
            }

            foreach (RemoteTarget t in targets.Where(t => t.Session is null))
            {
                EmitOne(ManagedRollout.Failed(t.Name, ErrorIds.ManagedTargetUnreachable, t.ConnectError ?? "The target could not be reached."));
            }
        }
        finally
        {
            RemoteSessions.Close(InvokeCommand, opened);
        }
    }

    // First look (in parallel), then ask per machine with its diff, then write (in parallel).
    private void Publish(ManagedFileInstaller installer, List<RemoteTarget> targets, IReadOnlyList<CodexManagedConfig> files)
    {
        var toApply = new List<(RemoteTarget Target, List<CodexManagedConfig> Files, string Diff)>();
        foreach (var outcome in installer.Run(targets, "Inspect", _ => files, withText: false, (t, answer) => (t, answer)))
        {
            if (outcome.Failure is not null)
            {
                EmitOne(outcome.Failure);
                continue;
            }

            var (target, answer) = outcome.Value;
            var (changed, diff, refusalId, refusal) = ManagedRollout.Plan(files, answer);
            if (refusalId is not null)
            {
                EmitOne(ManagedRollout.Failed(target.Name, refusalId, refusal!));
            }
            else if (changed.Count == 0)
            {
                WriteVerbose($"{target.Name}: every file already has the hash sent; nothing to write.");
                EmitOne(ManagedRollout.UpToDate(target.Name, files));
            }
            else if (ShouldProcess(target.Name, ManagedRollout.Describe(changed, diff)))
            {
                toApply.Add((target, changed, diff));
            }
            else if (!MyInvocation.BoundParameters.ContainsKey("Confirm"))
            {
                EmitOne(ManagedRollout.WouldPublish(target.Name, changed, diff));
            }
        }

        Emit(installer.Run(toApply.Select(a => a.Target).ToList(), "Apply", t => toApply.First(a => a.Target == t).Files, withText: true,
            (t, answer) => ManagedRollout.Result(t.Name, answer, rollback: false, toApply.First(a => a.Target == t).Diff)));
    }

    private void Emit(IEnumerable<ManagedFileInstaller.Outcome<CodexPublishResult>> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            EmitOne(outcome.Failure ?? outcome.Value!);
        }
    }

    private void EmitOne(CodexPublishResult result)
    {
        if (result.ErrorId is not null)
        {
            WriteError(ErrorRecordFactory.Create(ManagedRollout.FailureIssue(result)));
        }

        WriteObject(result);
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

    /// <summary>Piped input as a managed file; deserialized input is rebuilt from its text, so the hash is that of the bytes sent.</summary>
    private CodexManagedConfig ToFile(PSObject item)
    {
        if (item.BaseObject is CodexManagedConfig file)
        {
            return file;
        }

        if (item.Properties["Name"]?.Value is not string name || item.Properties["Text"]?.Value is not string text)
        {
            ThrowIssue(ManagedRollout.NotAManagedFile(item.ToString()));
            return null!; // not reached: ThrowIssue stops the command
        }

        return ManagedConfigDocument.FromText(name, text, item.Properties["Source"]?.Value as string ?? name);
    }

    private void ThrowIssue(CodexIssue issue) => ThrowTerminatingError(ErrorRecordFactory.Create(issue, ErrorCategory.InvalidArgument));
}
