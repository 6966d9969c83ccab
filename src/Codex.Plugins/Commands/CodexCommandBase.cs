using System.Management.Automation;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Internal;

namespace Codex.Plugins.Commands;

/// <summary>
/// What every reader shares: where Codex's files are (-CodexHome, -ProjectPath, -SystemConfigPath, -Profile), and
/// how engine issues become PowerShell errors.
/// </summary>
public abstract class CodexCommandBase : PSCmdlet
{
    private ConfigStack? stack;

    /// <summary>The Codex home to read. Default: $env:CODEX_HOME, else ~/.codex.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? CodexHome { get; set; }

    /// <summary>The folder Codex would run in (project layers, repo skills). Default: the current location.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? ProjectPath { get; set; }

    /// <summary>The system configuration folder. Default: /etc/codex, or %ProgramData%\OpenAI\Codex on Windows.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SystemConfigPath { get; set; }

    /// <summary>The config profile, as codex --profile NAME: layers $CODEX_HOME/NAME.config.toml over config.toml.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ConfigProfileCompleter))]
    public string? Profile { get; set; }

    /// <summary>The environment for the current record (pipeline input may change -CodexHome per item).</summary>
    protected CodexEnvironment ResolveEnvironment()
    {
        string? home = CodexHome is null ? null : FileSystemPath.Unresolved(this, CodexHome);
        string project = ProjectPath is null ? CurrentLocation : FileSystemPath.Unresolved(this, ProjectPath);
        string? system = SystemConfigPath is null ? null : FileSystemPath.Unresolved(this, SystemConfigPath);
        return CodexEnvironment.FromProcess(home, project, system, Profile);
    }

    /// <summary>
    /// The current location when the command first needed it, kept for the rest of its run: PowerShell looks the
    /// location's drive up on every read (on Linux a read of /proc/self/mountinfo), once per pipeline record otherwise.
    /// </summary>
    private string CurrentLocation => currentLocation ??= SessionState.Path.CurrentFileSystemLocation.ProviderPath;

    private string? currentLocation;

    /// <summary>The configuration stack for the current record, loaded once per distinct environment.</summary>
    protected ConfigStack LoadStack() => LoadStack(ResolveEnvironment());

    /// <summary>The configuration stack of <paramref name="environment"/>, loaded once while it stays the same.</summary>
    protected ConfigStack LoadStack(CodexEnvironment environment)
    {
        if (stack is null || stack.Environment != environment)
        {
            WriteVerbose($"Reading Codex configuration: home {environment.CodexHome}, project {environment.ProjectPath}, system {environment.SystemConfigDirectory}.");
            stack = ConfigStack.Load(environment);
            foreach (CodexIssue issue in stack.Issues)
            {
                WriteIssue(issue);
            }
        }

        return stack;
    }

    /// <summary>A warning for <see cref="IssueKind.Warning"/>, otherwise a non-terminating error.</summary>
    protected void WriteIssue(CodexIssue issue)
    {
        if (issue.Kind == IssueKind.Warning)
        {
            WriteWarning(Masking.SecretText.Mask(issue.ToString()));
            return;
        }

        WriteError(ErrorRecordFactory.Create(issue));
    }

    /// <summary>Stops the command: for bad parameters only, so the category is always InvalidArgument.</summary>
    protected void ThrowIssue(CodexIssue issue) => ThrowTerminatingError(ErrorRecordFactory.Create(issue, ErrorCategory.InvalidArgument));
}
