using Codex.Plugins.Configuration;

namespace Codex.Plugins.Permissions;

/// <summary>What an admin should know about one resolved profile, as findings with the rule that causes them.</summary>
public static class PermissionFindings
{
    /// <summary>Files and folders that hold credentials: a profile that can read them hands them to the model.</summary>
    public static IEnumerable<string> SecretPaths(CodexEnvironment env) => new[]
    {
        Path.Combine(env.UserHome, ".ssh"),
        Path.Combine(env.UserHome, ".aws"),
        Path.Combine(env.UserHome, ".config", "gcloud"),
        Path.Combine(env.CodexHome, "auth.json"),
    };

    /// <summary>The .env files at the top of a folder, leaving out the templates projects commit on purpose.</summary>
    public static IEnumerable<string> DotEnvFiles(string folder)
    {
        string[] templates = { ".example", ".sample", ".template", ".dist" };
        try
        {
            return Directory.EnumerateFiles(folder, ".env*")
                .Where(f => Path.GetFileName(f) is var n && (n == ".env" || n.StartsWith(".env.", StringComparison.Ordinal))
                    && !templates.Any(t => f.EndsWith(t, StringComparison.OrdinalIgnoreCase)))
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
    }

    public static IEnumerable<CodexFinding> For(ResolvedPermissionProfile profile, PermissionResolver resolver, CodexEnvironment env)
    {
        if (profile.Error is not null)
        {
            yield break;
        }

        foreach (var unknown in profile.Warnings.Where(w => w.ErrorId == Diagnostics.ErrorIds.PermissionSpecialPathUnknown))
        {
            yield return new CodexFinding(PermissionRuleIds.UnknownSpecialPath, FindingSeverity.Warning, unknown.Message, profile.Name, unknown.File, unknown.Line,
                unknown.RecommendedAction ?? "Use a special path Codex knows.");
        }

        if (profile.SandboxStartError is not null)
        {
            yield return new CodexFinding(PermissionRuleIds.SandboxCannotStart, FindingSeverity.Error,
                $"The profile '{profile.Name}' cannot run anything on Linux: {profile.SandboxStartError}.", profile.Name, profile.SandboxStartRule?.File, profile.SandboxStartRule?.Line,
                "Remove deny entries that lie inside a folder the profile already denies.");
        }

        if (profile.Unrestricted)
        {
            yield return new CodexFinding(PermissionRuleIds.DangerFullAccess, FindingSeverity.Error,
                $"The profile '{profile.Name}' runs commands without any sandbox: every file is writable and every host reachable.",
                profile.Name, profile.File, profile.Line, $"Use {PermissionResolver.Workspace} (or a profile extending it) and grant only the paths the work needs.");
            yield break;
        }

        foreach (DomainRule d in profile.Domains.Where(d => !d.Deny && d.Pattern.Kind == DomainPatternKind.Any))
        {
            yield return new CodexFinding(PermissionRuleIds.NetworkAllowAll, FindingSeverity.Warning,
                $"The profile '{profile.Name}' allows every host: {d.Rule}.", profile.Name, d.File, d.Line,
                "List the hosts the work needs (api.example.com, **.example.com) instead of \"*\".");
        }

        string[] tmp = new[] { "/tmp", Environment.GetEnvironmentVariable("TMPDIR") }.OfType<string>().Where(t => t.Length > 0).Select(PathRules.Normalize).ToArray();
        foreach (var rule in profile.Rules.Where(r => r.Access == FileSystemAccess.Write && r.Origin != "Protected"))
        {
            string? path = rule.Path ?? rule.Glob;
            if (path is null || profile.WorkspaceRoots.Any(w => PathRules.IsWithin(path, w)) || tmp.Any(t => PathRules.IsWithin(path, t)))
            {
                continue;
            }

            yield return new CodexFinding(PermissionRuleIds.WriteOutsideWorkspace, FindingSeverity.Warning,
                $"The profile '{profile.Name}' can write outside the workspace: {rule.Rule}.", profile.Name, rule.File, rule.Line,
                "Keep writable roots inside the workspace, or document why this folder must be writable.");
        }

        foreach (string secret in SecretPaths(env))
        {
            CodexPermissionDecision d = profile.CheckPath(secret, FileSystemAccess.Read);
            if (d.Allowed)
            {
                yield return new CodexFinding(PermissionRuleIds.SecretsReadable, FindingSeverity.Warning,
                    $"The profile '{profile.Name}' can read {secret} ({d.DecidingRule}).", profile.Name, d.File ?? profile.File, d.Line ?? profile.Line,
                    $"Add \"{secret}\" = \"deny\" to [permissions.{profile.Name}.filesystem], or deny_read it in requirements.");
            }
        }

        // .env files at a workspace root hold the project's secrets as often as not; only files that exist count.
        foreach (string dotEnv in profile.WorkspaceRoots.SelectMany(DotEnvFiles))
        {
            CodexPermissionDecision d = profile.CheckPath(dotEnv, FileSystemAccess.Read);
            if (d.Allowed)
            {
                yield return new CodexFinding(PermissionRuleIds.SecretsReadable, FindingSeverity.Warning,
                    $"The profile '{profile.Name}' can read {dotEnv} ({d.DecidingRule}).", profile.Name, d.File ?? profile.File, d.Line ?? profile.Line,
                    $"Add \"{Path.GetDirectoryName(dotEnv)}/**/.env*\" = \"deny\" to [permissions.{profile.Name}.filesystem] (globs may deny), or move the secrets out of the workspace.");
            }
        }

        if (!profile.AllowedByRequirements)
        {
            yield return new CodexFinding(PermissionRuleIds.NotAllowedByRequirements, FindingSeverity.Error,
                $"The profile '{profile.Name}' is not in the requirements' allowed_permission_profiles: Codex refuses it.", profile.Name, profile.File, profile.Line,
                "Choose an allowed profile, or ask the administrator to allow this one.");
        }

        if (profile.IsDefault)
        {
            foreach (CodexFinding f in resolver.ModeConflicts())
            {
                yield return f;
            }
        }
    }

    /// <summary>
    /// A subagent runs inside its parent's sandbox: whatever it asks beyond that, it does not get. Says what the agent
    /// asks for that the parent does not grant.
    /// </summary>
    public static IEnumerable<CodexFinding> AgentExceedsParent(string agent, string? agentFile, int? agentLine, ResolvedPermissionProfile asked, ResolvedPermissionProfile parent)
    {
        if (asked.Error is not null || parent.Error is not null)
        {
            yield break;
        }

        var extra = new List<string>();
        if (asked.Unrestricted && !parent.Unrestricted)
        {
            extra.Add("no sandbox at all");
        }
        else if (!asked.Unrestricted)
        {
            foreach (var rule in asked.Rules.Where(r => r.Access == FileSystemAccess.Write && r.Path is not null))
            {
                if (!parent.CheckPath(rule.Path!, FileSystemAccess.Write).Allowed)
                {
                    extra.Add($"write to {rule.Path}");
                }
            }

            if (asked.NetworkEnabled && !parent.NetworkEnabled && !parent.Unrestricted)
            {
                extra.Add("network access");
            }
        }

        if (extra.Count > 0)
        {
            yield return new CodexFinding(PermissionRuleIds.AgentExceedsParent, FindingSeverity.Warning,
                $"The agent '{agent}' asks for {string.Join(", ", extra.Distinct())} through '{asked.Name}', but subagents inherit the parent's sandbox ('{parent.Name}'): it does not get that.",
                agent, agentFile, agentLine, $"Narrow the agent to what '{parent.Name}' grants, or widen the parent's profile deliberately.");
        }
    }
}
