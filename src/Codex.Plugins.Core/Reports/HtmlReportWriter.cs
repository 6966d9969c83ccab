using System.Net;
using System.Text;

namespace Codex.Plugins.Reports;

/// <summary>
/// A self-contained HTML page (no script, no external resources, so it opens anywhere and a strict mail or wiki
/// sanitizer leaves it whole): a summary, the findings by severity, then per machine and per plugin. Every piece of
/// text from configuration files is HTML-encoded: plugin manifests are third-party input.
/// </summary>
public static class HtmlReportWriter
{
    private const string Style = """
        :root { color-scheme: light dark; --err: #c62828; --warn: #b26a00; --info: #1565c0; --line: #8884; }
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 1.5rem 2rem; }
        h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid var(--line); padding-bottom: .3rem; }
        .meta { opacity: .75; margin-top: 0; }
        .cards { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1.2rem 0; }
        .card { border: 1px solid var(--line); border-radius: .5rem; padding: .8rem 1.2rem; min-width: 8rem; }
        .card .n { font-size: 1.8rem; font-weight: 600; display: block; }
        .error .n, .sev-error { color: var(--err); } .warning .n, .sev-warning { color: var(--warn); } .information .n, .sev-information { color: var(--info); }
        table { border-collapse: collapse; width: 100%; margin: .6rem 0 1.4rem; font-size: .92rem; }
        th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid var(--line); }
        th { font-weight: 600; } code { font-size: .9em; }
        td { overflow-wrap: anywhere; } td.rule code { white-space: nowrap; } .loc code { white-space: nowrap; display: block; width: 0; min-width: 100%; overflow-x: auto; } .loc { margin-top: .2rem; opacity: .85; } .loc code { font-size: .8em; }
        td.fix { opacity: .85; } .none { opacity: .7; font-style: italic; }
        """;

    public static string Write(AuditReport report)
    {
        var html = new StringBuilder(4096 + report.Entries.Count * 400);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .Append("<title>").Append(E(report.Title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(E(report.Title)).Append("</h1>\n<p class=\"meta\">Generated ")
            .Append(E(report.GeneratedAt.ToString("yyyy-MM-dd HH:mm 'UTC'zzz"))).Append(" by ").Append(E(AuditReport.ToolName)).Append(' ')
            .Append(E(report.ToolVersion)).Append(" &middot; ").Append(report.Machines.Count).Append(report.Machines.Count == 1 ? " machine" : " machines")
            .Append(" &middot; ").Append(report.Rules.Count).Append(report.Rules.Count == 1 ? " rule" : " rules").Append("</p>\n");

        html.Append("<section id=\"summary\" class=\"cards\">\n");
        foreach (FindingSeverity severity in new[] { FindingSeverity.Error, FindingSeverity.Warning, FindingSeverity.Information })
        {
            string word = ReportRenderer.SeverityWord(severity);
            html.Append("<div class=\"card ").Append(word).Append("\" data-severity=\"").Append(word).Append("\"><span class=\"n\">")
                .Append(report.Count(severity)).Append("</span>").Append(word).Append("</div>\n");
        }

        html.Append("</section>\n");

        html.Append("<section id=\"by-severity\">\n<h2>Findings by severity</h2>\n");
        if (report.Entries.Count == 0)
        {
            html.Append("<p class=\"none\">No findings.</p>\n");
        }

        foreach (var group in report.Entries.GroupBy(e => e.Severity))
        {
            string word = ReportRenderer.SeverityWord(group.Key);
            html.Append("<h3 class=\"sev-").Append(word).Append("\">").Append(char.ToUpperInvariant(word[0])).Append(word[1..])
                .Append(" (").Append(group.Count()).Append(")</h3>\n");
            Table(html, group, showMachine: report.Machines.Count > 1);
        }

        html.Append("</section>\n");

        html.Append("<section id=\"by-machine\">\n<h2>Per machine</h2>\n");
        Summary(html, report.Entries.GroupBy(e => e.Machine, StringComparer.Ordinal), "Machine");
        html.Append("</section>\n");

        html.Append("<section id=\"by-plugin\">\n<h2>Per plugin</h2>\n");
        var perPlugin = report.Entries.Where(e => e.PluginId is not null).GroupBy(e => e.PluginId!, StringComparer.Ordinal).ToList();
        if (perPlugin.Count == 0)
        {
            html.Append("<p class=\"none\">No finding concerns a plugin.</p>\n");
        }
        else
        {
            Summary(html, perPlugin, "Plugin");
        }

        html.Append("</section>\n");

        if (report.Sessions is not null)
        {
            SessionReportWriter.WriteHtml(html, report.Sessions);
        }

        html.Append("<section id=\"rules\">\n<h2>Rules</h2>\n<table>\n<thead><tr><th>Rule</th><th>What it checks</th><th>Findings</th></tr></thead>\n<tbody>\n");
        foreach (AuditRule rule in report.Rules)
        {
            html.Append("<tr><td><code>").Append(E(rule.Id)).Append("</code></td><td>");
            if (rule.HelpUri is not null)
            {
                html.Append("<a href=\"").Append(E(rule.HelpUri)).Append("\">").Append(E(rule.Summary)).Append("</a>");
            }
            else
            {
                html.Append(E(rule.Summary));
            }

            html.Append("</td><td>").Append(report.Entries.Count(e => e.RuleId == rule.Id)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Table(StringBuilder html, IEnumerable<AuditEntry> entries, bool showMachine)
    {
        html.Append("<table>\n<thead><tr><th>Rule</th>");
        if (showMachine)
        {
            html.Append("<th>Machine</th>");
        }

        // The location sits under the message, in the widest column, so a long file:line stays on one line without
        // pushing the table off the page.
        html.Append("<th>Target</th><th>Message and location</th><th>What to do</th></tr></thead>\n<tbody>\n");
        foreach (AuditEntry e in entries)
        {
            html.Append("<tr class=\"finding\" data-rule=\"").Append(E(e.RuleId)).Append("\"><td class=\"rule\"><code>").Append(E(e.RuleId)).Append("</code></td>");
            if (showMachine)
            {
                html.Append("<td>").Append(E(e.Machine)).Append("</td>");
            }

            html.Append("<td>").Append(E(e.Target)).Append("</td><td>").Append(E(e.Message));
            if (e.File is not null)
            {
                // A break is allowed only after a slash: file:line stays one piece, and a path longer than the page
                // breaks between folders instead of pushing the table off the page.
                html.Append("<div class=\"loc\"><code>").Append(E(ReportRenderer.Location(e))).Append("</code></div>");
            }

            html.Append("</td><td class=\"fix\">").Append(E(e.Remediation)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void Summary(StringBuilder html, IEnumerable<IGrouping<string, AuditEntry>> groups, string label)
    {
        html.Append("<table>\n<thead><tr><th>").Append(label).Append("</th><th>error</th><th>warning</th><th>information</th><th>Rules</th></tr></thead>\n<tbody>\n");
        foreach (var g in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            html.Append("<tr><td>").Append(E(g.Key)).Append("</td>");
            foreach (FindingSeverity severity in new[] { FindingSeverity.Error, FindingSeverity.Warning, FindingSeverity.Information })
            {
                html.Append("<td>").Append(g.Count(e => e.Severity == severity)).Append("</td>");
            }

            html.Append("<td>").Append(string.Join(", ", g.Select(e => e.RuleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(r => "<code>" + E(r) + "</code>")))
                .Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
