using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Permissions;

/// <summary>
/// What Test-CodexPermissionProfile answers for a profile or a custom agent: the decision of each probe (a path read
/// or written, a host reached), or without probes the profile itself with its findings. The issues to report (the
/// profile's warnings, and its error instead of answers) come with the answers.
/// </summary>
public sealed class PermissionAnswers
{
    private readonly PermissionResolver resolver;
    private readonly ConfigStack stack;
    private readonly IReadOnlyList<string> paths;
    private readonly IReadOnlyList<FileSystemAccess> accesses;
    private readonly IReadOnlyList<string> domains;

    /// <param name="paths">Full paths to probe.</param>
    /// <param name="accesses">Read and/or Write (names, any case): what each path is probed for, each once.</param>
    /// <param name="domains">Hosts to probe (example.com, api.example.com:443).</param>
    public PermissionAnswers(PermissionResolver resolver, ConfigStack stack, IReadOnlyList<string> paths, IReadOnlyList<string> accesses, IReadOnlyList<string> domains)
    {
        this.resolver = resolver;
        this.stack = stack;
        this.paths = paths;
        this.accesses = accesses.Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(a => string.Equals(a, "Write", StringComparison.OrdinalIgnoreCase) ? FileSystemAccess.Write : FileSystemAccess.Read).ToList();
        this.domains = domains;
    }

    private bool HasProbes => paths.Count > 0 || domains.Count > 0;

    /// <summary>The answers for <paramref name="profile"/> (decisions, or the profile as an object), after its issues.</summary>
    public (IReadOnlyList<CodexIssue> Issues, IReadOnlyList<object> Answers) ForProfile(ResolvedPermissionProfile profile)
    {
        var issues = new List<CodexIssue>(profile.Warnings);
        if (profile.Error is not null)
        {
            issues.Add(profile.Error);
            return (issues, Array.Empty<object>());
        }

        return (issues, HasProbes ? Probe(profile).ToList<object>()
            : new object[] { profile.ToModel(stack.Environment.CodexHome, stack.Environment.ProjectPath, PermissionFindings.For(profile, resolver, stack.Environment)) });
    }

    /// <summary>
    /// The answers for a custom agent: what it asks for (its default_permissions or sandbox_mode, else the parent's
    /// profile) inside the parent's sandbox, which is what it really gets; without probes, its profile with the
    /// findings of asking for more than the parent has.
    /// </summary>
    public (IReadOnlyList<CodexIssue> Issues, IReadOnlyList<object> Answers) ForAgent(string name, string? defaultPermissions, string? sandboxMode, string? file, int? line)
    {
        ResolvedPermissionProfile parent = resolver.ResolveDefault();
        ResolvedPermissionProfile asked = resolver.ResolveAgent(defaultPermissions, sandboxMode, file, line) ?? parent;
        var issues = new List<CodexIssue>(asked.Warnings);
        if (asked.Error is not null)
        {
            issues.Add(asked.Error with { Target = name });
            return (issues, Array.Empty<object>());
        }

        if (!HasProbes)
        {
            var findings = PermissionFindings.For(asked, resolver, stack.Environment).Concat(PermissionFindings.AgentExceedsParent(name, file, line, asked, parent));
            return (issues, new object[] { asked.ToModel(stack.Environment.CodexHome, stack.Environment.ProjectPath, findings) });
        }

        return (issues, Probe(asked).Zip(Probe(parent), (own, inherited) => (object)PermissionResolver.WithinParent(name, own, inherited, parent.Name)).ToList());
    }

    private IEnumerable<CodexPermissionDecision> Probe(ResolvedPermissionProfile profile) =>
        paths.SelectMany(path => accesses.Select(access => profile.CheckPath(path, access))).Concat(domains.Select(profile.CheckDomain));
}
