using System.Collections;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Managed;
using Codex.Plugins.Managed.Rollout;

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
        List<CodexManagedConfig> files = input.Select(ToFile).ToList();
        if (files.Count == 0 && !Rollback)
        {
            ThrowTerminatingError(ErrorRecordFactory.Create(new CodexIssue(ErrorIds.ManagedPolicyValueInvalid, IssueKind.InvalidData,
                "Nothing to publish: pipe New-CodexManagedConfig output into Publish-CodexManagedConfig.", null, Target: "InputObject",
                RecommendedAction: "New-CodexManagedConfig ... | Publish-CodexManagedConfig -Session $s")));
        }

        if (files.Count == 0)
        {
            files = new List<CodexManagedConfig>
            {
                new() { Name = ManagedPolicyRules.RequirementsFileName, Kind = "Requirements" },
                new() { Name = ManagedPolicyRules.ManagedConfigFileName, Kind = "ManagedConfig" },
            };
        }

        var (targets, opened) = Connect();
        try
        {
            using var runner = new RemoteRunner(ThrottleLimit);
            if (Rollback)
            {
                var approved = targets.Where(t => t.Session is not null && ShouldProcess(t.Name, $"Restore the last backup of {string.Join(", ", files.Select(f => f.Name))}")).ToList();
                Emit(runner.Run(approved, t => Invoke(t.Session!, "Rollback", files, withText: false), (t, answer) => ManagedRollout.Result(t.Name, answer, rollback: true, null)));
                EmitFailures(targets);
                return;
            }

            // First look (in parallel), then ask per machine with its diff, then write (in parallel).
            var inspected = runner.Run(targets.Where(t => t.Session is not null).ToList(), t => Invoke(t.Session!, "Inspect", files, withText: false), (t, answer) => (t, answer));
            var toApply = new List<(Target Target, List<CodexManagedConfig> Files, string Diff)>();
            foreach (var outcome in inspected)
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
                    continue;
                }

                if (changed.Count == 0)
                {
                    WriteVerbose($"{target.Name}: every file already has the hash sent; nothing to write.");
                    EmitOne(new CodexPublishResult { ComputerName = target.Name, Verified = true, Status = "Up to date", Files = files.Select(f => f.Name).ToArray(), Hash = files.Select(f => $"{f.Name}={f.Hash}").ToArray() });
                    continue;
                }

                string action = $"Install {string.Join(", ", changed.Select(f => $"{f.Name} ({f.Hash})"))}\n{diff}";
                if (ShouldProcess(target.Name, action))
                {
                    toApply.Add((target, changed, diff));
                }
                else if (!MyInvocation.BoundParameters.ContainsKey("Confirm"))
                {
                    EmitOne(new CodexPublishResult { ComputerName = target.Name, Status = "Would publish", Files = changed.Select(f => f.Name).ToArray(), Diff = diff });
                }
            }

            var diffs = toApply.ToDictionary(a => a.Target, a => a.Diff);
            Emit(runner.Run(toApply.Select(a => a.Target).ToList(), t => Invoke(t.Session!, "Apply", toApply.First(a => a.Target == t).Files, withText: true),
                (t, answer) => ManagedRollout.Result(t.Name, answer, rollback: false, diffs[t])));
            EmitFailures(targets);
        }
        finally
        {
            if (opened.Count > 0)
            {
                InvokeCommand.InvokeScript("param($s) $s | Remove-PSSession", true, PipelineResultTypes.None, null, opened.ToArray());
            }
        }
    }

    private void Emit<T>(IEnumerable<RemoteRunner.Outcome<T>> outcomes) where T : class
    {
        foreach (var outcome in outcomes)
        {
            EmitOne(outcome.Failure ?? (outcome.Value as CodexPublishResult)!);
        }
    }

    private void EmitFailures(IEnumerable<Target> targets)
    {
        foreach (Target t in targets.Where(t => t.Session is null))
        {
            EmitOne(ManagedRollout.Failed(t.Name, ErrorIds.ManagedTargetUnreachable, t.ConnectError ?? "The target could not be reached."));
        }
    }

    private void EmitOne(CodexPublishResult result)
    {
        if (result.ErrorId is not null)
        {
            WriteError(ErrorRecordFactory.Create(new CodexIssue(result.ErrorId, IssueKind.ReadError, $"{result.ComputerName}: {result.Error}", null, Target: result.ComputerName,
                RecommendedAction: result.ErrorId switch
                {
                    ErrorIds.ManagedTargetUnreachable => "Check the host name, the network and the credentials; the other targets were published.",
                    ErrorIds.ManagedRestoreFailed => "Copy the named backup over the file on that target by hand, then find out what rewrites files in that folder.",
                    ErrorIds.ManagedVerificationFailed => "Something on that target changes the file after it is written (an agent, a filter, a failing disk): find it, then publish again; the previous files are in place.",
                    _ => "Fix the target and publish again; the previous files are in place.",
                })));
        }

        WriteObject(result);
    }

    private Collection<PSObject> Invoke(PSSession session, string mode, IEnumerable<CodexManagedConfig> files, bool withText)
    {
        using PowerShell ps = PowerShell.Create();
        ps.Runspace = session.Runspace;
        ps.AddScript(ManagedRollout.InstallerScript)
            .AddParameter("Mode", mode)
            .AddParameter("Folder", SystemConfigPath ?? string.Empty)
            .AddParameter("Files", ManagedRollout.FilesArgument(files, withText))
            .AddParameter("LockTimeoutSec", LockTimeoutSec);
        return ps.Invoke();
    }

    private (List<Target> Targets, List<PSSession> Opened) Connect()
    {
        var opened = new List<PSSession>();
        if (ParameterSetName == "Session")
        {
            return (Session.Select(s => new Target(s.ComputerName, s, null)).ToList(), opened);
        }

        string[] names = ParameterSetName == "HostName" ? HostName : ComputerName;
        var parameters = new Hashtable { [ParameterSetName] = names };
        if (UserName is not null) { parameters["UserName"] = UserName; }
        if (KeyFilePath is not null) { parameters["KeyFilePath"] = GetUnresolvedProviderPathFromPSPath(KeyFilePath); }
        if (Port > 0) { parameters["Port"] = Port; }
        if (Options is not null) { parameters["Options"] = Options; }
        if (Credential is not null) { parameters["Credential"] = Credential; }

        // One New-PSSession for all the hosts: it takes a list (SSH hosts with -Port and -Options too) and opens them in
        // parallel. A host that fails gives an error whose TargetObject is its runspace, which names the host. A transport
        // this machine cannot use at all (WinRM where no WSMan client exists, as on Linux) stops New-PSSession as a
        // whole: then every host is one failed result with that reason, not a terminating error.
        if (ParameterSetName == "ComputerName") { parameters["ThrottleLimit"] = ThrottleLimit; }
        var result = InvokeCommand.InvokeScript(
            "param($p) $e = $null; $sessions = @(); try { $sessions = @(New-PSSession @p -ErrorAction SilentlyContinue -ErrorVariable e) } catch { $e = @($_) }; [pscustomobject]@{ Sessions = $sessions; Errors = @($e) }",
            true, PipelineResultTypes.None, null, parameters);
        var sessions = ((result.FirstOrDefault()?.Properties["Sessions"]?.Value as IEnumerable)?.Cast<object>() ?? Enumerable.Empty<object>())
            .Select(o => (o as PSObject)?.BaseObject ?? o).OfType<PSSession>().ToList();
        var errors = ((result.FirstOrDefault()?.Properties["Errors"]?.Value as IEnumerable)?.Cast<object>() ?? Enumerable.Empty<object>())
            .Select(o => (o as PSObject)?.BaseObject ?? o).OfType<ErrorRecord>().ToList();
        opened.AddRange(sessions);

        var targets = new List<Target>();
        foreach (string name in names)
        {
            PSSession? session = sessions.FirstOrDefault(s => string.Equals(s.ComputerName, name, StringComparison.OrdinalIgnoreCase) && targets.All(t => t.Session != s));
            string? why = session is not null ? null
                : errors.FirstOrDefault(e => string.Equals(FailedHost(e), name, StringComparison.OrdinalIgnoreCase))?.ToString()
                  ?? string.Join(" ", errors.Where(e => FailedHost(e) is null).Select(e => e.ToString()).Distinct());
            targets.Add(new Target(name, session, string.IsNullOrEmpty(why) ? null : why));
        }

        return (targets, opened);
    }

    // The host a failed New-PSSession was for, whatever the transport: its runspace's connection names it.
    private static string? FailedHost(ErrorRecord error) =>
        (error.TargetObject is PSObject wrapped ? wrapped.BaseObject : error.TargetObject) switch
        {
            Runspace runspace => runspace.ConnectionInfo?.ComputerName,
            string name => name,
            _ => null,
        };

    private CodexManagedConfig ToFile(PSObject item)
    {
        if (item.BaseObject is CodexManagedConfig file)
        {
            return file;
        }

        string? name = item.Properties["Name"]?.Value as string;
        string? text = item.Properties["Text"]?.Value as string;
        if (name is null || text is null)
        {
            ThrowTerminatingError(ErrorRecordFactory.Create(new CodexIssue(ErrorIds.ManagedPolicyValueInvalid, IssueKind.InvalidData,
                $"The input is not a managed file (no Name and Text): '{item}'.", null, Target: item.ToString(),
                RecommendedAction: "Pipe New-CodexManagedConfig output into Publish-CodexManagedConfig.")));
        }

        // Deserialized input: rebuilt from its text so the hash is the one of the bytes that will be sent.
        var rebuilt = ManagedConfigDocument.FromText(name!, text!, item.Properties["Source"]?.Value as string ?? name!);
        return rebuilt;
    }

    private sealed record Target(string Name, PSSession? Session, string? ConnectError);

    /// <summary>Runs one remote call per target, at most ThrottleLimit at once, and hands the answers back in target order.</summary>
    private sealed class RemoteRunner : IDisposable
    {
        private readonly SemaphoreSlim gate;

        public RemoteRunner(int limit) => gate = new SemaphoreSlim(limit);

        public sealed record Outcome<T>(T? Value, CodexPublishResult? Failure);

        public List<Outcome<T>> Run<T>(IReadOnlyList<Target> targets, Func<Target, Collection<PSObject>> call, Func<Target, IDictionary, T> map)
        {
            var tasks = targets.Select(t => Task.Run(async () =>
            {
                await gate.WaitAsync().ConfigureAwait(false);
                try
                {
                    Collection<PSObject> output = call(t);
                    if (output.LastOrDefault()?.BaseObject is IDictionary answer)
                    {
                        return new Outcome<T>(map(t, answer), null);
                    }

                    return new Outcome<T>(default, ManagedRollout.Failed(t.Name, ErrorIds.ManagedTransferFailed, "The target gave no answer; the previous files are in place."));
                }
                catch (Exception ex) when (ex is RuntimeException or InvalidOperationException or System.Management.Automation.Remoting.PSRemotingTransportException)
                {
                    return new Outcome<T>(default, ManagedRollout.Failed(t.Name, ErrorIds.ManagedTransferFailed,
                        $"The connection failed during the transfer: {ex.Message} The previous files are in place (the files are replaced by one rename, or not at all)."));
                }
                finally
                {
                    gate.Release();
                }
            })).ToArray();
            Task.WaitAll(tasks);
            return tasks.Select(t => t.Result).ToList();
        }

        public void Dispose() => gate.Dispose();
    }
}
