namespace Codex.Plugins;

/// <summary>How a permission profile is defined.</summary>
public enum PermissionProfileMode
{
    /// <summary>One of Codex's built-in profiles (:read-only, :workspace, :danger-no-sandbox).</summary>
    BuiltIn,

    /// <summary>A [permissions.NAME] profile of the configuration.</summary>
    Profile,

    /// <summary>The legacy sandbox_mode setting, which Codex maps onto a built-in profile.</summary>
    Legacy,
}
