namespace Codex.Plugins.Configuration.Editing;

/// <summary>What one step of an edit does.</summary>
public enum ConfigEditKind
{
    Set,
    Remove,
}
