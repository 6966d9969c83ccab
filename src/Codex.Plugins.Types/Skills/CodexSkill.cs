namespace Codex.Plugins;

/// <summary>
/// A skill Codex loads: its front matter, where it was found, whether it is enabled, and whether Codex lists it in the
/// model's startup skill list (only enabled skills that allow implicit invocation are listed).
/// </summary>
public sealed class CodexSkill
{
    /// <summary>The name Codex uses: front matter name (else the folder name), plugin:name for plugin skills.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The description as Codex keeps it: on one line, whitespace runs collapsed. Never cut here.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>metadata.short-description, if any.</summary>
    public string? ShortDescription { get; init; }

    public CodexSkillScope Scope { get; init; }

    /// <summary>False when a [[skills.config]] entry (by path or by name) sets enabled = false.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>policy.allow_implicit_invocation of agents/openai.yaml (true when not set).</summary>
    public bool AllowImplicitInvocation { get; init; } = true;

    /// <summary>True when Codex puts the skill in the model's startup skill list: enabled and implicitly invocable.</summary>
    public bool Listed => Enabled && AllowImplicitInvocation;

    /// <summary>Listed, Disabled or NotImplicit (loaded, can be named with $skill, but not listed for the model).</summary>
    public SkillStatus Status => !Enabled ? SkillStatus.Disabled : AllowImplicitInvocation ? SkillStatus.Listed : SkillStatus.NotImplicit;

    /// <summary>The canonical path of SKILL.md (symbolic links resolved), as skills/list reports it.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>The path under the root where Codex found SKILL.md (what the startup list shows when it differs).</summary>
    public string DiscoveredPath { get; init; } = string.Empty;

    /// <summary>The skill root the skill was found under.</summary>
    public string Root { get; init; } = string.Empty;

    /// <summary>The plugin (plugin@marketplace) the skill comes from, if any.</summary>
    public string? PluginId { get; init; }

    /// <summary>Characters (Unicode scalar values, as Codex counts) in the description.</summary>
    public int DescriptionLength => Runes(Description);

    /// <summary>True when the startup list cuts the description to 1,024 characters whatever the budget.</summary>
    public bool DescriptionCapped { get; init; }

    /// <summary>interface.display_name of agents/openai.yaml.</summary>
    public string? DisplayName { get; init; }

    /// <summary>interface.short_description of agents/openai.yaml.</summary>
    public string? InterfaceShortDescription { get; init; }

    public string? DefaultPrompt { get; init; }

    public string? BrandColor { get; init; }

    /// <summary>policy.products of agents/openai.yaml: the products the skill is meant for (empty: all). The CLI loads only skills whose list is empty or names codex.</summary>
    public string[] Products { get; init; } = Array.Empty<string>();

    /// <summary>dependencies.tools of agents/openai.yaml, as type:value.</summary>
    public string[] ToolDependencies { get; init; } = Array.Empty<string>();

    /// <summary>agents/openai.yaml when the skill has one Codex could read.</summary>
    public string? MetadataFile { get; init; }

    public string CodexHome { get; init; } = string.Empty;

    public string ProjectPath { get; init; } = string.Empty;

    public override string ToString() => Name;

    private static int Runes(string text) => text.EnumerateRunes().Count();
}
