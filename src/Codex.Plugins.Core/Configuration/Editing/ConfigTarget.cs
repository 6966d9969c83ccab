using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Configuration.Editing;

/// <summary>Turns a scope (or an explicit path) into the file to edit, and says what Codex will make of that file.</summary>
public static class ConfigTarget
{
    /// <summary>
    /// The file an edit's -ConfigPath (a full path) or -Scope names, -ConfigPath first; null when neither was given
    /// (each edit has its own default file).
    /// </summary>
    public static string? Explicit(ConfigStack stack, string? configPath, string? scope) =>
        configPath ?? (scope is null ? null : PathFor(stack, Enum.Parse<ConfigScope>(scope, ignoreCase: true)));

    /// <summary>The file for a scope. Throws ConfigScopeInvalid for Profile without a profile.</summary>
    public static string PathFor(ConfigStack stack, ConfigScope scope)
    {
        CodexEnvironment env = stack.Environment;
        switch (scope)
        {
            case ConfigScope.User:
                return env.UserConfigPath;
            case ConfigScope.Project:
                return Path.Combine(stack.ProjectRoot ?? env.ProjectPath, ".codex", "config.toml");
            default:
                if (env.Profile is null)
                {
                    throw new CodexIssueException(new CodexIssue(ErrorIds.ConfigScopeInvalid, IssueKind.InvalidData,
                        "-Scope Profile needs -Profile NAME: the profile file is $CODEX_HOME/NAME.config.toml.", env.CodexHome,
                        RecommendedAction: "Add -Profile NAME, or choose -Scope User or Project."));
                }

                return env.ProfileConfigPath(env.Profile);
        }
    }

    /// <summary>The layer of the stack that is this file, if Codex reads it.</summary>
    public static ConfigLayer? LayerOf(ConfigStack stack, string path)
    {
        string full = Path.GetFullPath(path);
        return stack.Layers.FirstOrDefault(l => string.Equals(l.Path, full, StringComparison.Ordinal));
    }

    /// <summary>
    /// Warnings about where the change lands: a project file Codex ignores because the project is not trusted, or a
    /// file Codex does not read at all in this environment.
    /// </summary>
    public static IEnumerable<CodexIssue> Notes(ConfigStack stack, string path)
    {
        ConfigLayer? layer = LayerOf(stack, path);
        if (layer is null && Agents.AgentFileLocator.IsAgentFile(stack, path))
        {
            // A custom agent's file: Codex reads it as the agent's own layer for the agent's sessions.
            yield break;
        }

        if (layer is null)
        {
            yield return new CodexIssue(ErrorIds.ConfigNotRead, IssueKind.Warning,
                $"{path} is not a configuration file Codex reads for {stack.Environment.CodexHome} and {stack.Environment.ProjectPath}; the change is written but Codex will not see it there.",
                path, Target: path);
        }
        else if (layer.Kind == ConfigLayerKind.Project && !layer.Applied && layer.Error is null)
        {
            // A project file, existing or about to be created: Codex reads it only in a trusted project.
            string dir = Path.GetDirectoryName(Path.GetDirectoryName(layer.Path)!)!;
            if (!ProjectTrust.IsTrusted(dir, stack.ProjectRoot ?? dir, stack.Effective))
            {
                yield return new CodexIssue(ErrorIds.ProjectNotTrusted, IssueKind.Warning,
                    $"{path} is written, but Codex ignores it: the project {dir} is not trusted (no [projects.\"{dir}\"] trust_level = \"trusted\" in the user configuration).",
                    path, Target: path, RecommendedAction: "Trust the project in Codex, or write to -Scope User.");
            }
        }
    }
}
