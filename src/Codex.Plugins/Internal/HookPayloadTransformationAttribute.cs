using Codex.Plugins.Hooks.Execution;

namespace Codex.Plugins.Internal;

/// <summary>
/// Turns what a user passes to Invoke-CodexHook -InputObject (a FileInfo, a path, JSON text, or an object) into a
/// <see cref="RecordedHookPayload"/> as the parameter binds: paths resolve against the caller's location here, and the
/// hook engine reads the file when it builds the run.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class HookPayloadTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData) =>
        (inputData is PSObject ps ? ps.BaseObject : inputData) switch
        {
            RecordedHookPayload given => given,
            FileInfo file => RecordedHookPayload.FromFile(file.FullName),
            string text => RecordedHookPayload.FromArgument(text, engineIntrinsics.SessionState.Path.GetUnresolvedProviderPathFromPSPath),
            _ => RecordedHookPayload.FromText(Commands.JsonNodeConverter.From(inputData, parseJsonText: true)?.ToJsonString() ?? "null"),
        };
}
