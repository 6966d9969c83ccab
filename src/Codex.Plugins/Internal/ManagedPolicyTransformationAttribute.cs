using System.Collections;
using System.Management.Automation;
using Codex.Plugins.Commands;
using Codex.Plugins.Managed;

namespace Codex.Plugins.Internal;

/// <summary>
/// Turns New-CodexManagedConfig -Policy (a hashtable, or the path of a .psd1 file) into a <see cref="ManagedPolicySource"/>
/// as it binds. A file that cannot be read stays a value carrying its ManagedPolicyFileInvalid issue, so the cmdlet
/// writes that error for the one policy and the pipeline goes on, instead of a binder message.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ManagedPolicyTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        object? value = inputData is PSObject ps ? ps.BaseObject : inputData;
        switch (value)
        {
            case ManagedPolicySource source:
                return source;
            case IDictionary table:
                return ManagedPolicySource.FromTable(PlainValue.UnwrapTable(table)!);
            case null:
                return ManagedPolicySource.Parameters;
        }

        string path = engineIntrinsics.SessionState.Path.GetUnresolvedProviderPathFromPSPath(value.ToString()!);
        try
        {
            // A .psd1 is PowerShell data: PowerShell's own reader refuses code in it.
            var data = engineIntrinsics.InvokeCommand.InvokeScript("param($p) Import-PowerShellDataFile -LiteralPath $p", true,
                System.Management.Automation.Runspaces.PipelineResultTypes.None, null, path);
            return data.FirstOrDefault()?.BaseObject is IDictionary read ? ManagedPolicySource.FromFile(path, PlainValue.UnwrapTable(read)!) : ManagedPolicySource.Unreadable(path, null);
        }
        catch (RuntimeException ex)
        {
            return ManagedPolicySource.Unreadable(path, ex.Message);
        }
    }
}
