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

    /// <summary>The config profile (codex --profile NAME) under which it was found; null for the configuration without one.</summary>
    public string? Profile { get; private init; }

    /// <summary>True when an accepted risk (a suppression) covers the finding: reports list it apart, never as open.</summary>
    public bool Suppressed { get; private init; }

    /// <summary>Why the risk was accepted, when <see cref="Suppressed"/>.</summary>
    public string? SuppressionReason { get; private init; }

    /// <summary>The same finding, found under this profile.</summary>
    public CodexFinding WithProfile(string? profile) => Copy(profile, Suppressed, SuppressionReason);

    /// <summary>The same finding, covered by an accepted risk.</summary>
    public CodexFinding AsSuppressed(string reason) => Copy(Profile, true, reason);

    /// <summary>
    /// What makes two findings the same problem: a rule, a target and a place. The same value seen under several
    /// profiles (it sits in config.toml, which every profile layers over) is one problem, reported once.
    /// </summary>
    public string Identity => $"{RuleId}\u0000{Target}\u0000{File}\u0000{Line}\u0000{Message}";

    public override string ToString() => $"{RuleId}: {Message}";

    private CodexFinding Copy(string? profile, bool suppressed, string? reason) =>
        new(RuleId, Severity, Message, Target, File, Line, Remediation) { Profile = profile, Suppressed = suppressed, SuppressionReason = reason };
}
