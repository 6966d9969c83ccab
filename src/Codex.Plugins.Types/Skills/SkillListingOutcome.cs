namespace Codex.Plugins;

/// <summary>What one skill's line in the startup list kept.</summary>
public enum SkillListingOutcome
{
    /// <summary>The whole description.</summary>
    Full,

    /// <summary>Part of the description.</summary>
    Truncated,

    /// <summary>Name and path only.</summary>
    DescriptionRemoved,

    /// <summary>Not in the list at all.</summary>
    Omitted,
}
