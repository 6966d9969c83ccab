namespace Codex.Plugins.Diagnostics;

public static partial class ErrorIds
{
    public const string HookFileInvalid = "HookFileInvalid";
    public const string HookMatcherInvalid = "HookMatcherInvalid";
    public const string HookHandlerSkipped = "HookHandlerSkipped";
    public const string HookSettingAdjusted = "HookSettingAdjusted";
    public const string HookNotFound = "HookNotFound";
    public const string HookInputInvalid = "HookInputInvalid";
    public const string HookStartFailed = "HookStartFailed";

    /// <summary>-LogPath cannot be appended to: refused before any hook runs (or, failing after the run, reported with the results kept).</summary>
    public const string HookLogUnwritable = "HookLogUnwritable";
    public const string HookTrustNotNeeded = "HookTrustNotNeeded";
    public const string HookTrustHashUnknown = "HookTrustHashUnknown";
}
