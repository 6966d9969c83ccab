namespace Codex.Plugins.Commands;

/// <summary>
/// Gets which Codex a machine runs: the codex command (-CodexPath, or the first on PATH) and the npm package that
/// installed it, the cli_version of the newest rollout in the home, the version the module answers for and whether
/// the module was checked against it.
/// </summary>
[Cmdlet(VerbsCommon.Get, "CodexInstallation")]
[OutputType(typeof(CodexInstallation))]
public sealed class GetCodexInstallationCommand : CodexVersionedCommandBase
{
    protected override void ProcessRecord()
    {
        CodexEnvironment environment = ResolveEnvironment();
        WriteObject(ResolveInstallation(environment));
    }
}
