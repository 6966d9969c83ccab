using System.Collections;
using System.Management.Automation.Runspaces;

namespace Codex.Plugins.Remoting;

/// <summary>
/// The machines of a rollout as PowerShell remoting reaches them: sessions the caller holds, or sessions opened here
/// for host names (SSH) or computer names (WinRM) and closed again by <see cref="Close"/>.
/// </summary>
internal static class RemoteSessions
{
    public static List<RemoteTarget> Of(IEnumerable<PSSession> sessions) => sessions.Select(s => new RemoteTarget(s.ComputerName, s, null)).ToList();

    /// <summary>
    /// Opens one session per name with New-PSSession and the given parameters (its own: -HostName or -ComputerName,
    /// -UserName, -KeyFilePath, ...). Every name is a target: one whose session failed carries the reason.
    /// </summary>
    public static (List<RemoteTarget> Targets, List<PSSession> Opened) Open(CommandInvocationIntrinsics invoke, string[] names, Hashtable parameters)
    {
        // One New-PSSession for all the hosts: it takes a list (SSH hosts with -Port and -Options too) and opens them in
        // parallel. A host that fails gives an error whose TargetObject is its runspace, which names the host. A transport
        // this machine cannot use at all (WinRM where no WSMan client exists, as on Linux) stops New-PSSession as a
        // whole: then every host is one failed result with that reason, not a terminating error.
        var result = invoke.InvokeScript(
            "param($p) $e = $null; $sessions = @(); try { $sessions = @(New-PSSession @p -ErrorAction SilentlyContinue -ErrorVariable e) } catch { $e = @($_) }; [pscustomobject]@{ Sessions = $sessions; Errors = @($e) }",
            true, PipelineResultTypes.None, null, parameters);
        var sessions = Items(result, "Sessions").OfType<PSSession>().ToList();
        var errors = Items(result, "Errors").OfType<ErrorRecord>().ToList();

        var targets = new List<RemoteTarget>();
        foreach (string name in names)
        {
            PSSession? session = sessions.FirstOrDefault(s => string.Equals(s.ComputerName, name, StringComparison.OrdinalIgnoreCase) && targets.All(t => t.Session != s));
            string? why = session is not null ? null
                : errors.FirstOrDefault(e => string.Equals(FailedHost(e), name, StringComparison.OrdinalIgnoreCase))?.ToString()
                  ?? string.Join(" ", errors.Where(e => FailedHost(e) is null).Select(e => e.ToString()).Distinct());
            targets.Add(new RemoteTarget(name, session, string.IsNullOrEmpty(why) ? null : why));
        }

        return (targets, sessions);
    }

    /// <summary>Closes the sessions <see cref="Open"/> opened.</summary>
    public static void Close(CommandInvocationIntrinsics invoke, IReadOnlyCollection<PSSession> opened)
    {
        if (opened.Count > 0)
        {
            invoke.InvokeScript("param($s) $s | Remove-PSSession", true, PipelineResultTypes.None, null, opened.ToArray());
        }
    }

    private static IEnumerable<object> Items(IEnumerable<PSObject> result, string property) =>
        ((result.FirstOrDefault()?.Properties[property]?.Value as IEnumerable)?.Cast<object>() ?? Enumerable.Empty<object>())
            .Select(o => (o as PSObject)?.BaseObject ?? o);

    // The host a failed New-PSSession was for, whatever the transport: its runspace's connection names it.
    private static string? FailedHost(ErrorRecord error) =>
        (error.TargetObject is PSObject wrapped ? wrapped.BaseObject : error.TargetObject) switch
        {
            Runspace runspace => runspace.ConnectionInfo?.ComputerName,
            string name => name,
            _ => null,
        };
}
