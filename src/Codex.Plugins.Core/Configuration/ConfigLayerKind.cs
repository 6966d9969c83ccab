namespace Codex.Plugins.Configuration;

/// <summary>The kinds of configuration layer Codex reads, lowest precedence first.</summary>
public enum ConfigLayerKind
{
    System,
    User,
    Profile,
    Project,
    Managed,
    Requirements,
}
