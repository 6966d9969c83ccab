using Codex.Plugins.Permissions;

namespace Codex.Plugins.Commands;

/// <summary>
/// Resolves permission profiles as Codex 0.169.0 does and answers probes: can this profile read or write that path,
/// reach that host? Each answer names the rule that decided it, with its file and line.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "CodexPermissionProfile", DefaultParameterSetName = "Resolve")]
[OutputType(typeof(CodexPermissionProfile), typeof(CodexPermissionDecision))]
public sealed class TestCodexPermissionProfileCommand : CodexCommandBase
{
    /// <summary>Profile names (built-ins start with ':'). Default: the profile Codex uses here without -P.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PermissionProfileCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Paths to probe; relative paths are resolved against the current location.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>What to probe the paths for: Read, Write, or both.</summary>
    [Parameter]
    [ValidateSet("Read", "Write")]
    public string[] Access { get; set; } = { "Read" };

    /// <summary>Hosts to probe (example.com, api.example.com:443).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Domain { get; set; }

    /// <summary>The workspace roots :workspace_roots stands for. Default: the project path (Codex's cwd).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? WorkspaceRoot { get; set; }

    /// <summary>A profile (from an earlier Test-CodexPermissionProfile) or an agent (from Get-CodexAgent).</summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    protected override void ProcessRecord()
    {
        var (inputName, agent) = PermissionInput.Read(InputObject);
        ConfigStack stack = LoadStack();
        var resolver = new PermissionResolver(stack, WorkspaceRoot?.Select(GetUnresolvedProviderPathFromPSPath).ToArray());
        var answers = new PermissionAnswers(resolver, stack, (Path ?? Array.Empty<string>()).Select(GetUnresolvedProviderPathFromPSPath).ToList(), Access, Domain ?? Array.Empty<string>());
        if (agent is not null)
        {
            Write(answers.ForAgent(agent.Name, agent.DefaultPermissions, agent.SandboxMode, agent.File, agent.Line));
            return;
        }

        // A piped profile's name wins over -Name.
        foreach (ResolvedPermissionProfile profile in resolver.ResolveNamed(inputName is not null ? new[] { inputName } : Name))
        {
            Write(answers.ForProfile(profile));
        }
    }

    private void Write((IReadOnlyList<CodexIssue> Issues, IReadOnlyList<object> Answers) answers)
    {
        WriteIssues(answers.Issues);
        WriteObject(answers.Answers, enumerateCollection: true);
    }
}
