using System.Collections;
using Codex.Plugins.Commands;
using Codex.Plugins.Managed;

namespace Codex.Plugins.Internal;

/// <summary>
/// New-CodexManagedConfig -Policy as a <see cref="ManagedPolicySource"/>: a hashtable as it is, or the path of a .psd1
/// file read with PowerShell's own data reader. A file that cannot be read carries its ManagedPolicyFileInvalid issue.
/// </summary>
internal static class ManagedPolicyReader
{
    public static ManagedPolicySource Read(object? value, SessionState state, CommandInvocationIntrinsics invoke)
    {
        object? raw = value is PSObject ps ? ps.BaseObject : value;
        if (raw is null)
        {
            return ManagedPolicySource.Parameters;
        }

        if (raw is IDictionary table)
        {
            return ManagedPolicySource.FromTable(PlainValue.UnwrapTable(table)!);
        }

        string path = state.Path.GetUnresolvedProviderPathFromPSPath(raw.ToString()!);
        try
        {
            // A .psd1 is PowerShell data: PowerShell's own reader refuses code in it.
            var data = invoke.InvokeScript("param($p) Import-PowerShellDataFile -LiteralPath $p", true, System.Management.Automation.Runspaces.PipelineResultTypes.None, null, path);
            return data.FirstOrDefault()?.BaseObject is IDictionary read ? ManagedPolicySource.FromFile(path, PlainValue.UnwrapTable(read)!) : ManagedPolicySource.Unreadable(path, null);
        }
        catch (RuntimeException ex)
        {
            return ManagedPolicySource.Unreadable(path, ex.Message);
        }
    }
}
