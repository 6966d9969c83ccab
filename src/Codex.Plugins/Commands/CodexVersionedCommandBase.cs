using Codex.Plugins.Versions;

namespace Codex.Plugins.Commands;

/// <summary>
/// A reader whose answer depends on the Codex release a machine runs (hook events, the model catalog behind the skill
/// budget): it finds that release (Get-CodexInstallation's rules) or takes -CodexVersion as a what-if.
/// </summary>
public abstract class CodexVersionedCommandBase : CodexCommandBase
{
    private CodexVersionChoice? choice;

    /// <summary>The Codex version to answer for, instead of the one found on this machine (a what-if: "0.169.0").</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CodexVersionCompleter))]
    public string? CodexVersion { get; set; }

    /// <summary>The codex command whose version applies, instead of the first codex on PATH.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CodexPath { get; set; }

    /// <summary>The installation the current record is answered for, found once per home; warns when the version was not checked.</summary>
    protected CodexInstallation ResolveInstallation(CodexEnvironment environment)
    {
        choice ??= FromParameters(() => new CodexVersionChoice(CodexVersion, ProviderPath(CodexPath)));
        CodexInstallation installation = choice.For(environment, out bool isNew);
        if (isNew)
        {
            WriteVerbose($"Answering for Codex {installation.Version} ({installation.VersionSource}); rules of {installation.BehavesAs}.");
            WriteIssues(CodexVersionChoice.Warnings(installation));
        }

        return installation;
    }
}
