namespace Codex.Plugins.Commands;

/// <summary>
/// What every reader shares: where Codex's files are (-CodexHome, -ProjectPath, -SystemConfigPath, -Profile), read
/// once per distinct environment.
/// </summary>
public abstract class CodexCommandBase : CodexCmdlet
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
    protected CodexEnvironment ResolveEnvironment() => EnvironmentOf(CodexHome, ProjectPath, SystemConfigPath, Profile);

    /// <summary>The configuration stack for the current record, loaded once per distinct environment.</summary>
    protected ConfigStack LoadStack() => LoadStack(ResolveEnvironment());

    /// <summary>The configuration stack of <paramref name="environment"/>, loaded once while it stays the same.</summary>
    protected ConfigStack LoadStack(CodexEnvironment environment)
    {
        if (stack is null || stack.Environment != environment)
        {
            WriteVerbose($"Reading Codex configuration: home {environment.CodexHome}, project {environment.ProjectPath}, system {environment.SystemConfigDirectory}.");
            stack = ConfigStack.Load(environment);
            WriteIssues(stack.Issues);
        }

        return stack;
    }
}
