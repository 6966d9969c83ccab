namespace Codex.Plugins.Diagnostics;

public static partial class ErrorIds
{
    /// <summary>SKILL.md does not start with a front matter block between two --- lines.</summary>
    public const string SkillFrontMatterMissing = "SkillFrontMatterMissing";

    /// <summary>The front matter is not YAML Codex can read (syntax, duplicate key, wrong type).</summary>
    public const string SkillFrontMatterInvalid = "SkillFrontMatterInvalid";

    /// <summary>description is missing or empty: Codex refuses the skill.</summary>
    public const string SkillDescriptionMissing = "SkillDescriptionMissing";

    /// <summary>name (plugin:name for plugin skills) is over 64 characters: Codex refuses the skill.</summary>
    public const string SkillNameTooLong = "SkillNameTooLong";

    /// <summary>policy.products names other products only: the Codex CLI does not load the skill (a warning).</summary>
    public const string SkillNotForCodex = "SkillNotForCodex";

    /// <summary>A description over 1,024 characters: Codex loads the skill but cuts the description in the list.</summary>
    public const string SkillDescriptionTooLong = "SkillDescriptionTooLong";

    /// <summary>SKILL.md cannot be read (permissions, not UTF-8): Codex refuses the skill with an error.</summary>
    public const string SkillFileUnreadable = "SkillFileUnreadable";

    /// <summary>A folder under a skill root cannot be listed: Codex skips it and the skills below it, silently.</summary>
    public const string SkillFolderUnreadable = "SkillFolderUnreadable";

    /// <summary>A symbolic link points back at a folder that contains it: Codex does not follow it again.</summary>
    public const string SkillSymlinkLoop = "SkillSymlinkLoop";

    /// <summary>agents/openai.yaml cannot be read as YAML: Codex ignores it (the skill still loads).</summary>
    public const string SkillMetadataIgnored = "SkillMetadataIgnored";

    /// <summary>A root holds more than 2,000 folders: Codex stops scanning it there.</summary>
    public const string SkillScanTruncated = "SkillScanTruncated";

    /// <summary>-Name asked for a skill that is not there.</summary>
    public const string SkillNotFound = "SkillNotFound";

    /// <summary>The AGENTS.md chain is larger than project_doc_max_bytes: Codex cuts it.</summary>
    public const string ProjectDocTooLarge = "ProjectDocTooLarge";
}
