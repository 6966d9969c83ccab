namespace Codex.Plugins.Reports;

/// <summary>What a rule is, for the report's rule table (SARIF tool.driver.rules): the id and a one-line summary.</summary>
public sealed record AuditRule(string Id, string Summary, FindingSeverity DefaultSeverity, string? HelpUri);
