namespace Codex.Plugins.Reports;

/// <summary>The formats Export-CodexAuditReport writes.</summary>
public enum ReportFormat
{
    /// <summary>One JSON document with a summary and every finding, for SIEMs and scripts.</summary>
    Json,

    /// <summary>SARIF 2.1.0, which code-scanning tools read.</summary>
    Sarif,

    /// <summary>A self-contained HTML page for people.</summary>
    Html,

    /// <summary>Markdown, for a pull request or an issue.</summary>
    Markdown,
}
