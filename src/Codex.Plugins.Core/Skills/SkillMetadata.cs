namespace Codex.Plugins.Skills;

/// <summary>What agents/openai.yaml beside SKILL.md adds: interface, invocation policy, tool dependencies.</summary>
internal sealed record SkillMetadata(
    string? DisplayName,
    string? ShortDescription,
    string? DefaultPrompt,
    string? BrandColor,
    bool? AllowImplicitInvocation,
    string[] Products,
    string[] ToolDependencies);
