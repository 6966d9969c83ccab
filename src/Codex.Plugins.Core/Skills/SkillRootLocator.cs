using Codex.Plugins.Configuration;

namespace Codex.Plugins.Skills;

/// <summary>The skill roots of Codex 0.169.0, in the order it scans them (the first root that finds a SKILL.md keeps it).</summary>
public static class SkillRootLocator
{
    /// <summary>
    /// Project .codex/skills (deepest folder first; read even when the project is not trusted, unlike its
    /// config.toml), then $CODEX_HOME/skills, ~/.agents/skills, the bundled $CODEX_HOME/skills/.system, the system
    /// folder's skills, the skills of enabled installed plugins, and last .agents/skills of every folder from the
    /// project root down to the working folder. The same folder named twice is scanned once.
    /// </summary>
    public static IReadOnlyList<SkillRoot> Find(ConfigStack stack, IEnumerable<CodexPlugin> plugins)
    {
        CodexEnvironment env = stack.Environment;
        var roots = new List<SkillRoot>();
        foreach (ConfigLayer layer in stack.Layers.Where(l => l.Kind == ConfigLayerKind.Project).Reverse())
        {
            roots.Add(new SkillRoot(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(layer.Path)!, "skills"), CodexSkillScope.Repo));
        }

        string userSkills = System.IO.Path.Combine(env.CodexHome, "skills");
        roots.Add(new SkillRoot(userSkills, CodexSkillScope.User));
        roots.Add(new SkillRoot(System.IO.Path.Combine(env.UserHome, ".agents", "skills"), CodexSkillScope.User));
        if (BundledEnabled(stack))
        {
            roots.Add(new SkillRoot(System.IO.Path.Combine(userSkills, ".system"), CodexSkillScope.System));
        }

        roots.Add(new SkillRoot(System.IO.Path.Combine(env.SystemConfigDirectory, "skills"), CodexSkillScope.Admin));

        foreach (CodexPlugin plugin in plugins.Where(p => p.Installed && p.Enabled).OrderBy(p => p.PluginId, StringComparer.Ordinal))
        {
            foreach (string skillRoot in plugin.SkillRoots)
            {
                roots.Add(new SkillRoot(skillRoot, CodexSkillScope.User, plugin.PluginId));
            }
        }

        string projectRoot = stack.ProjectRoot ?? env.ProjectPath;
        foreach (string dir in ProjectTrust.FoldersFromRootToCwd(projectRoot, env.ProjectPath))
        {
            roots.Add(new SkillRoot(System.IO.Path.Combine(dir, ".agents", "skills"), CodexSkillScope.Repo));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        return roots.Where(r => seen.Add(System.IO.Path.TrimEndingDirectorySeparator(r.Path))).ToList();
    }

    /// <summary>[skills] bundled = { enabled = false } turns the bundled system skills off.</summary>
    public static bool BundledEnabled(ConfigStack stack) =>
        stack.Get("skills.bundled.enabled") is not TomlValueNode { Value: false };
}
