namespace Codex.Plugins;

/// <summary>Whether Codex puts a loaded skill in the model's startup skill list.</summary>
public enum SkillStatus
{
    /// <summary>Enabled and implicitly invocable: listed for the model.</summary>
    Listed,

    /// <summary>Switched off by a [[skills.config]] entry.</summary>
    Disabled,

    /// <summary>Loaded and usable with $skill, but policy.allow_implicit_invocation = false keeps it off the list.</summary>
    NotImplicit,
}
