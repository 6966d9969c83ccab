namespace Codex.Plugins.Diagnostics;

public static partial class ErrorIds
{
    public const string ReportInputInvalid = "ReportInputInvalid";
    public const string ReportFileExists = "ReportFileExists";
    public const string ReportWriteFailed = "ReportWriteFailed";
}
