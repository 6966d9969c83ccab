namespace Codex.Plugins.Diagnostics;

public static partial class ErrorIds
{
    /// <summary>A -RuleId that names no audit rule: a typo must not let a CI gate pass with nothing checked.</summary>
    public const string AuditRuleUnknown = "AuditRuleUnknown";

    /// <summary>-CodexHome (or $CODEX_HOME) names a file: codex says the path "is not a directory" and refuses to start.</summary>
    public const string CodexHomeNotDirectory = "CodexHomeNotDirectory";
}
