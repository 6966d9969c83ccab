using System.Management.Automation;
using System.Management.Automation.Language;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Versions;

namespace Codex.Plugins.Commands;

/// <summary>
/// A reader whose answer depends on the Codex release a machine runs (hook events, the model catalog behind the skill
/// budget): it finds that release (Get-CodexInstallation's rules) or takes -CodexVersion as a what-if.
/// </summary>
public abstract class CodexVersionedCommandBase : CodexCommandBase
{
    private CodexInstallation? installation;
    private string? installationKey;

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
        Version? requested = null;
        if (CodexVersion is not null)
        {
            requested = CodexReleases.Parse(CodexVersion);
            if (requested is null)
            {
                ThrowIssue(new CodexIssue(ErrorIds.CodexVersionInvalid, IssueKind.InvalidData,
                    $"-CodexVersion '{CodexVersion}' is not a version such as {CodexReleases.Newest.ToString(3)}.", null, Target: CodexVersion,
                    RecommendedAction: $"Give major.minor.patch; checked releases: {string.Join(", ", CodexReleases.Checked.Select(v => v.ToString(3)))}."));
            }
        }

        string? path = null;
        if (CodexPath is not null)
        {
            path = GetUnresolvedProviderPathFromPSPath(CodexPath);
            if (!File.Exists(path))
            {
                ThrowIssue(new CodexIssue(ErrorIds.CodexPathNotFound, IssueKind.NotFound, $"-CodexPath names no file: {path}.", path, Target: path,
                    RecommendedAction: "Name the codex command (for example (Get-Command codex).Source)."));
            }
        }

        string key = string.Join('\0', environment.CodexHome, path ?? string.Empty, requested?.ToString() ?? string.Empty);
        if (installation is null || installationKey != key)
        {
            installation = CodexInstallationLocator.Find(environment, path, requested);
            installationKey = key;
            WriteVerbose($"Answering for Codex {installation.Version} ({installation.VersionSource}); rules of {installation.BehavesAs}.");
            if (!installation.Checked)
            {
                WriteIssue(NotCheckedIssue(installation));
            }
        }

        return installation;
    }

    /// <summary>The release whose rules apply to the installation.</summary>
    protected static Version RulesOf(CodexInstallation codex) => CodexReleases.Parse(codex.BehavesAs) ?? CodexReleases.Newest;

    internal static CodexIssue NotCheckedIssue(CodexInstallation codex) =>
        new(ErrorIds.CodexVersionNotChecked, IssueKind.Warning,
            $"Codex {codex.Version} ({codex.VersionSource}) was not checked by this module; it is read as {codex.BehavesAs}.",
            codex.VersionSource switch { "Binary" => codex.PackagePath, "Rollout" => codex.RolloutPath, _ => null }, Target: codex.Version,
            RecommendedAction: $"Checked releases: {string.Join(", ", codex.CheckedVersions)}. Pass -CodexVersion to answer for one of them.");
}

/// <summary>Completes -CodexVersion with the releases the module was checked against.</summary>
public sealed class CodexVersionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, System.Collections.IDictionary fakeBoundParameters) =>
        CodexReleases.Checked.Select(v => v.ToString(3)).Reverse()
            .Where(v => v.StartsWith(wordToComplete ?? string.Empty, StringComparison.OrdinalIgnoreCase))
            .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, $"Codex {v}"));
}
