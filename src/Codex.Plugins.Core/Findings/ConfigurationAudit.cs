using Codex.Plugins.Agents;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Hooks;
using Codex.Plugins.Mcp;
using Codex.Plugins.Permissions;
using Codex.Plugins.Masking;
using Codex.Plugins.Plugins;
using Codex.Plugins.Skills;
using Codex.Plugins.Versions;

namespace Codex.Plugins.Findings;

/// <summary>
/// The configuration audit: every concept's rules (<see cref="IFindingProvider"/>) over one configuration stack, or
/// over the configuration and each of its profiles with every problem reported once. A configuration Codex cannot
/// load is an error finding of its own, and nothing is said about the profiles, agents or servers of a configuration
/// that never loaded; its inline secrets are still secrets in a file, and are reported.
/// </summary>
public static class ConfigurationAudit
{
    /// <summary>The rules that read the loaded configuration, in report order.</summary>
    private static readonly IFindingProvider[] ConfigurationRules =
    {
        new PermissionAudit(),
        new AgentFindings(),
        new McpFindings(),
        new PluginFindings(),
        new HookFindings(),
        new SkillFindings(),
        new WrittenSecretFindings(),
    };

    /// <summary>
    /// The findings of one stack. <paramref name="codex"/> is the release the answers are for (the skill budget
    /// follows its model catalog); without it, the codex this machine runs.
    /// </summary>
    public static IReadOnlyList<CodexFinding> Run(ConfigStack stack, List<CodexIssue> issues, CodexInstallation? codex = null, IReadOnlyList<string>? workspaceRoots = null)
    {
        var context = new AuditContext(stack, issues, codex, workspaceRoots);
        var findings = new List<CodexFinding>(new ConfigLoadFindings().Find(context));
        bool loaded = findings.Count == 0;
        if (loaded)
        {
            foreach (IFindingProvider provider in ConfigurationRules)
            {
                findings.AddRange(provider.Find(context).Select(f => f.WithProfile(stack.Environment.Profile)));
            }
        }

        // Secrets are found per file, whatever the profile: each file names its own profile.
        findings.AddRange(new InlineSecretFindings().Find(context));
        return Distinct(findings);
    }

    /// <summary>
    /// The configuration without a profile, then each named profile: a finding that every profile inherits from
    /// config.toml is reported once, under the first run that found it (no profile).
    /// </summary>
    public static IReadOnlyList<CodexFinding> RunProfiles(CodexEnvironment environment, IEnumerable<string?> profiles, List<CodexIssue> issues, CodexInstallation? codex = null, IReadOnlyList<string>? workspaceRoots = null)
    {
        var all = new List<CodexFinding>();
        foreach (string? profile in profiles)
        {
            ConfigStack stack = ConfigStack.Load(environment.WithProfile(profile));
            issues.AddRange(stack.Issues);
            all.AddRange(Run(stack, issues, codex ??= CodexInstallationLocator.Find(environment), workspaceRoots));
        }

        return Distinct(all);
    }

    /// <summary>-AllProfiles: the configuration without a profile, then every NAME.config.toml of the home (<see cref="RunProfiles"/>).</summary>
    public static IReadOnlyList<CodexFinding> RunAllProfiles(CodexEnvironment environment, List<CodexIssue> issues, CodexInstallation? codex, IReadOnlyList<string>? workspaceRoots) =>
        RunProfiles(environment, new string?[] { null }.Concat(ConfigProfiles.Names(environment)), issues, codex, workspaceRoots);

    /// <summary>Refuses -AllProfiles with -Profile (every profile cannot also be one): ConfigValueInvalid, thrown.</summary>
    public static void CheckProfileChoice(bool allProfiles, string? profile)
    {
        if (allProfiles && profile is not null)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigValueInvalid, IssueKind.InvalidData,
                "-AllProfiles audits every profile; it cannot be combined with -Profile.", null, Target: "Profile"));
        }
    }

    private static IReadOnlyList<CodexFinding> Distinct(IEnumerable<CodexFinding> findings)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return findings.Where(f => seen.Add(f.Identity)).ToList();
    }
}
