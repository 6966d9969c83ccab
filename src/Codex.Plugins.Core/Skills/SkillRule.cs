using Codex.Plugins.Configuration;

namespace Codex.Plugins.Skills;

/// <summary>One [[skills.config]] entry: a skill selected by the path of its SKILL.md or by its name, and enabled or not.</summary>
internal sealed class SkillRule
{
    private SkillRule(string? path, string? name, bool enabled)
    {
        PathSelector = path;
        NameSelector = name;
        Enabled = enabled;
    }

    public string? PathSelector { get; }

    public string? NameSelector { get; }

    public bool Enabled { get; }

    public bool Matches(CodexSkill skill) =>
        (PathSelector is not null && (string.Equals(PathSelector, skill.Path, StringComparison.Ordinal) || string.Equals(PathSelector, skill.DiscoveredPath, StringComparison.Ordinal)))
        || (NameSelector is not null && string.Equals(NameSelector, skill.Name, StringComparison.Ordinal));

    public static IReadOnlyList<SkillRule> FromConfig(ConfigStack stack)
    {
        if (stack.Get("skills.config") is not TomlArrayNode entries)
        {
            return Array.Empty<SkillRule>();
        }

        var rules = new List<SkillRule>();
        foreach (TomlTableNode entry in entries.Items.OfType<TomlTableNode>())
        {
            bool enabled = entry["enabled"] is not TomlValueNode { Value: false };
            string? path = entry.String("path");
            rules.Add(new SkillRule(path is null ? null : SkillFileReader.Canonical(path) ?? path, entry.String("name"), enabled));
        }

        return rules;
    }
}
