namespace Codex.Plugins;

/// <summary>
/// Something about the configuration worth an admin's attention: a rule id scripts can branch on, where it is, and
/// what to do. Readers attach findings to the objects they concern; policy checks produce them in bulk.
/// </summary>
public sealed class CodexFinding
{
    public CodexFinding(string ruleId, FindingSeverity severity, string message, string target, string? file, int? line, string remediation)
    {
        RuleId = ruleId;
        Severity = severity;
        Message = message;
        Target = target;
        File = file;
        Line = line;
        Remediation = remediation;
    }

    public string RuleId { get; }

    public FindingSeverity Severity { get; }

    public string Message { get; }

    /// <summary>What the finding is about: a plugin id, a server name, a key.</summary>
    public string Target { get; }

    public string? File { get; }

    public int? Line { get; }

    public string Remediation { get; }

    public override string ToString() => $"{RuleId}: {Message}";
}
