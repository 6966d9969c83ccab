namespace Codex.Plugins.Configuration.Editing;

/// <summary>The layers a change can be written to.</summary>
public enum ConfigScope
{
    /// <summary>$CODEX_HOME/config.toml.</summary>
    User,

    /// <summary>&lt;project root&gt;/.codex/config.toml (read by Codex only in trusted projects).</summary>
    Project,

    /// <summary>$CODEX_HOME/&lt;profile&gt;.config.toml (needs -Profile).</summary>
    Profile,
}
