using System.Management.Automation;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
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

    private bool HasProbes => Path is { Length: > 0 } || Domain is { Length: > 0 };

    protected override void ProcessRecord()
    {
        var (inputName, agent) = PermissionInput.Read(InputObject);
        ConfigStack stack = LoadStack();
        string[]? roots = WorkspaceRoot?.Select(GetUnresolvedProviderPathFromPSPath).ToArray();
        var resolver = new PermissionResolver(stack, roots);
        if (agent is not null)
        {
            ProcessAgent(agent, resolver, stack);
            return;
        }

        IEnumerable<ResolvedPermissionProfile> profiles = inputName is not null ? new[] { resolver.Resolve(inputName) }
            : Name is { Length: > 0 } ? Name.Select(n => resolver.Resolve(n))
            : new[] { resolver.ResolveDefault() };

        foreach (ResolvedPermissionProfile profile in profiles)
        {
            foreach (CodexIssue warning in profile.Warnings)
            {
                WriteIssue(warning);
            }

            if (profile.Error is not null)
            {
                WriteIssue(profile.Error);
                continue;
            }

            if (HasProbes)
            {
                foreach (CodexPermissionDecision d in Probe(profile))
                {
                    WriteObject(d);
                }
            }
            else
            {
                WriteObject(profile.ToModel(stack.Environment.CodexHome, stack.Environment.ProjectPath, PermissionFindings.For(profile, resolver, stack.Environment)));
            }
        }
    }

    private IEnumerable<CodexPermissionDecision> Probe(ResolvedPermissionProfile profile)
    {
        foreach (string path in Path ?? Array.Empty<string>())
        {
            string full = GetUnresolvedProviderPathFromPSPath(path);
            foreach (string access in Access.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                yield return profile.CheckPath(full, string.Equals(access, "Write", StringComparison.OrdinalIgnoreCase) ? FileSystemAccess.Write : FileSystemAccess.Read);
            }
        }

        foreach (string host in Domain ?? Array.Empty<string>())
        {
            yield return profile.CheckDomain(host);
        }
    }

    private void ProcessAgent(AgentPermissionRequest agent, PermissionResolver resolver, ConfigStack stack)
    {
        ResolvedPermissionProfile parent = resolver.ResolveDefault();
        ResolvedPermissionProfile asked = resolver.ResolveAgent(agent.DefaultPermissions, agent.SandboxMode, agent.File, agent.Line) ?? parent;
        foreach (CodexIssue issue in asked.Warnings)
        {
            WriteIssue(issue);
        }

        if (asked.Error is not null)
        {
            WriteIssue(asked.Error with { Target = agent.Name });
            return;
        }

        if (!HasProbes)
        {
            var findings = PermissionFindings.For(asked, resolver, stack.Environment)
                .Concat(PermissionFindings.AgentExceedsParent(agent.Name, agent.File, agent.Line, asked, parent));
            WriteObject(asked.ToModel(stack.Environment.CodexHome, stack.Environment.ProjectPath, findings));
            return;
        }

        // What the agent really gets: its own request, inside the parent's sandbox.
        foreach (var (own, inherited) in Probe(asked).Zip(Probe(parent)))
        {
            WriteObject(PermissionResolver.WithinParent(agent.Name, own, inherited, parent.Name));
        }
    }
}
