namespace Codex.Plugins;

/// <summary>The limits Codex 0.169.0 applies to skills.</summary>
public static class SkillLimits
{
    /// <summary>A longer name (as written, without the plugin: prefix) is a load error for that skill.</summary>
    public const int MaxNameChars = 64;

    /// <summary>A longer description loads, and the startup list shows 1,021 characters and "...".</summary>
    public const int MaxListedDescriptionChars = 1024;

    /// <summary>Limit of the optional texts of agents/openai.yaml (a longer one is ignored alone).</summary>
    public const int MaxShortDescriptionChars = 1024;

    /// <summary>Folders below a root deeper than this are not scanned.</summary>
    public const int MaxScanDepth = 6;

    /// <summary>A root's scan stops after this many folders.</summary>
    public const int MaxFoldersPerRoot = 2000;
}
