namespace Codex.Plugins.Diagnostics;

public static partial class ErrorIds
{
    // Session rollouts ($CODEX_HOME/sessions) and the evidence files measured beside them
    public const string SessionFileEmpty = "SessionFileEmpty";
    public const string SessionFileUnreadable = "SessionFileUnreadable";
    public const string SessionFileCompressed = "SessionFileCompressed";
    public const string SessionMetaMissing = "SessionMetaMissing";
    public const string SessionLineInvalid = "SessionLineInvalid";
    public const string SessionLineTruncated = "SessionLineTruncated";
    public const string SessionItemUnknown = "SessionItemUnknown";
    public const string SessionNotFound = "SessionNotFound";
    public const string SessionEvidenceInvalid = "SessionEvidenceInvalid";
}
