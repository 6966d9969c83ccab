namespace Codex.Plugins;

/// <summary>Where a skill comes from, as Codex names the scopes (app-server skills/list says repo, user, system, admin).</summary>
public enum CodexSkillScope
{
    /// <summary>.agents/skills from the project root down to the working folder, and .codex/skills of each project folder.</summary>
    Repo,

    /// <summary>$CODEX_HOME/skills, ~/.agents/skills and the skills of enabled plugins.</summary>
    User,

    /// <summary>The skills Codex bundles and writes to $CODEX_HOME/skills/.system.</summary>
    System,

    /// <summary>skills beside the system configuration (/etc/codex/skills).</summary>
    Admin,
}
