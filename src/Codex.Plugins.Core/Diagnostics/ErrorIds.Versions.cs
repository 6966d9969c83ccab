namespace Codex.Plugins.Diagnostics;

public static partial class ErrorIds
{
    /// <summary>The machine runs a Codex version the module was not checked against (a warning): the nearest checked release's behaviour applies.</summary>
    public const string CodexVersionNotChecked = "CodexVersionNotChecked";

    /// <summary>-CodexVersion is not a version (major.minor.patch).</summary>
    public const string CodexVersionInvalid = "CodexVersionInvalid";

    /// <summary>-CodexPath names no file.</summary>
    public const string CodexPathNotFound = "CodexPathNotFound";
}
