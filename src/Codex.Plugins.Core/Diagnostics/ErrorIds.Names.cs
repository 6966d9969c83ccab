namespace Codex.Plugins.Diagnostics;

public static partial class ErrorIds
{
    /// <summary>A plugin name that several installed plugins share (from different marketplaces): the id must say which.</summary>
    public const string PluginNameAmbiguous = "PluginNameAmbiguous";
}
