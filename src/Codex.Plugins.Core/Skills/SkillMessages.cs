namespace Codex.Plugins.Skills;

/// <summary>Codex's words for the errors it reports in app-server skills/list, where .NET's differ.</summary>
public static class SkillMessages
{
    /// <summary>An unreadable SKILL.md, as codex 0.169.0 on Linux reports it.</summary>
    public const string PermissionDenied = "failed to read file: Permission denied (os error 13)";
}
