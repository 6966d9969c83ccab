using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Codex.Plugins.Masking;
using Codex.Plugins.Sessions;

namespace Codex.Plugins.Reports;

/// <summary>
/// The session part of the reports: a "sessions" object in JSON (flat numbers a SIEM can chart, each metric with its
/// source), and in HTML the same numbers with three inline SVG charts (calls per tool, blocked commands per day, tokens
/// per role): plain shapes and text, no script, so the page stays self-contained under a strict CSP.
/// </summary>
public static class SessionReportWriter
{
    public static void WriteJson(Utf8JsonWriter json, SessionReportSection s)
    {
        CodexSessionSummary t = s.Total;
        json.WriteStartObject("sessions");
        json.WriteNumber("count", t.Sessions);
        WriteTime(json, "firstStart", t.FirstStart);
        WriteTime(json, "lastEnd", t.LastEnd);
        json.WriteNumber("durationSeconds", Math.Round(t.Duration.TotalSeconds, 3));
        json.WriteNumber("turns", t.Turns);
        json.WriteNumber("completedTurns", t.CompletedTurns);
        json.WriteNumber("aborts", t.Aborts);
        json.WriteNumber("toolCalls", t.ToolCalls);
        json.WriteNumber("toolFailures", t.ToolFailures);
        json.WriteNumber("hookBlocks", t.HookBlocks);
        json.WriteNumber("mcpCalls", t.McpCalls);
        json.WriteNumber("mcpFailures", t.McpFailures);
        json.WriteNumber("mcpTimeouts", t.McpTimeouts);
        json.WriteNumber("mcpDurationSeconds", Math.Round(t.McpDuration.TotalSeconds, 3));
        json.WriteNumber("subagentsSpawned", t.SubagentsSpawned);
        json.WriteNumber("maxDepth", t.MaxDepth);
        json.WriteNumber("peakOpenSubagents", t.PeakOpenSubagents);
        json.WriteNumber("sessionsOverLimits", t.SessionsOverLimits);
        json.WriteNumber("invalidLines", t.InvalidLines);
        json.WriteNumber("unknownItems", t.UnknownItems);
        json.WriteNumber("incompleteSessions", t.IncompleteSessions);
        WriteOptional(json, "approvalsRequested", t.ApprovalsRequested);
        WriteOptional(json, "approvalsGranted", t.ApprovalsGranted);
        WriteOptional(json, "approvalsDenied", t.ApprovalsDenied);
        WriteOptional(json, "hookRuns", t.HookRuns);
        WriteOptional(json, "hookPassed", t.HookPassed);
        WriteOptional(json, "hookFailed", t.HookFailed);
        WriteOptional(json, "hookSkipped", t.HookSkipped);
        WriteOptional(json, "hookBlocked", t.HookBlocked);
        WriteTokens(json, "tokens", t.Tokens);
        json.WriteStartArray("machines");
        foreach (string machine in s.Machines)
        {
            json.WriteStringValue(machine);
        }

        json.WriteEndArray();
        json.WriteStartArray("tools");
        foreach (CodexToolUsage u in t.Tools)
        {
            json.WriteStartObject();
            json.WriteString("tool", SecretText.Mask(u.Tool));
            json.WriteString("role", SecretText.Mask(u.Role));
            if (u.McpServer is not null)
            {
                json.WriteString("mcpServer", SecretText.Mask(u.McpServer));
            }

            json.WriteNumber("calls", u.Calls);
            json.WriteNumber("failures", u.Failures);
            json.WriteNumber("blocked", u.Blocked);
            json.WriteNumber("timedOut", u.TimedOut);
            if (u.TimedCalls > 0)
            {
                json.WriteNumber("durationSeconds", Math.Round(u.Duration.TotalSeconds, 3));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("roles");
        foreach (var (role, tokens, sessions) in s.Roles)
        {
            json.WriteStartObject();
            json.WriteString("role", role);
            json.WriteNumber("sessions", sessions);
            WriteTokens(json, "tokens", tokens);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("days");
        foreach (CodexSessionSummary d in s.Days)
        {
            json.WriteStartObject();
            json.WriteString("day", d.Group);
            json.WriteNumber("sessions", d.Sessions);
            json.WriteNumber("toolCalls", d.ToolCalls);
            json.WriteNumber("toolFailures", d.ToolFailures);
            json.WriteNumber("hookBlocks", d.HookBlocks);
            json.WriteNumber("mcpTimeouts", d.McpTimeouts);
            json.WriteNumber("tokens", d.Tokens.Total);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("limitBreaches");
        foreach (SessionLimitBreach b in t.LimitBreaches)
        {
            json.WriteStartObject();
            json.WriteString("sessionId", SecretText.Mask(b.SessionId));
            json.WriteString("limit", b.Limit);
            json.WriteNumber("value", b.Value);
            json.WriteNumber("allowed", b.Allowed);
            json.WriteString("machine", SecretText.Mask(b.Machine));
            json.WriteString("file", SecretText.Mask(b.File));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("sources");
        foreach (KeyValuePair<string, string> source in t.Sources)
        {
            json.WriteString(JsonNamingPolicy.CamelCase.ConvertName(source.Key), source.Value);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static void WriteHtml(StringBuilder html, SessionReportSection s)
    {
        CodexSessionSummary t = s.Total;
        html.Append("<section id=\"sessions\">\n<h2>Sessions</h2>\n<div class=\"cards\">\n");
        Card(html, t.Sessions, "sessions");
        Card(html, t.ToolCalls, "tool calls");
        Card(html, t.ToolFailures, "failed calls");
        Card(html, t.HookBlocks, "blocked by hooks");
        Card(html, t.McpTimeouts, "MCP timeouts");
        Card(html, t.SubagentsSpawned, "subagents");
        Card(html, t.Aborts, "aborted turns");
        Card(html, t.SessionsOverLimits, "over agent limits");
        html.Append("</div>\n");

        var tools = s.ToolCalls.Take(15).ToList();
        html.Append("<h3>Calls per tool</h3>\n");
        BarChart(html, "chart-tools", "Calls per tool", tools.Select(x => (x.Tool, (double)x.Calls, x.Calls.ToString(CultureInfo.InvariantCulture))).ToList());
        html.Append("<table>\n<thead><tr><th>Tool</th><th>Calls</th><th>Failed</th><th>Blocked</th><th>Timed out</th></tr></thead>\n<tbody>\n");
        foreach (var x in s.ToolCalls)
        {
            html.Append("<tr><td><code>").Append(E(x.Tool)).Append("</code></td><td>").Append(x.Calls).Append("</td><td>").Append(x.Failures)
                .Append("</td><td>").Append(x.Blocked).Append("</td><td>").Append(x.TimedOut).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");

        html.Append("<h3>Blocked commands per day</h3>\n");
        BarChart(html, "chart-blocked", "Commands blocked by hooks per day", s.Days.Select(d => (d.Group, (double)d.HookBlocks, d.HookBlocks.ToString(CultureInfo.InvariantCulture))).ToList());

        html.Append("<h3>Tokens per role</h3>\n");
        BarChart(html, "chart-tokens", "Tokens per agent role", s.Roles.Select(r => (r.Role, (double)r.Tokens.Total, r.Tokens.Total.ToString("N0", CultureInfo.InvariantCulture))).ToList());

        if (t.LimitBreaches.Count > 0)
        {
            html.Append("<h3>Sessions over agent limits</h3>\n<table>\n<thead><tr><th>Session</th><th>Machine</th><th>Limit</th><th>Value</th><th>Allowed</th></tr></thead>\n<tbody>\n");
            foreach (SessionLimitBreach b in t.LimitBreaches)
            {
                html.Append("<tr><td><code>").Append(E(b.SessionId)).Append("</code></td><td>").Append(E(b.Machine)).Append("</td><td><code>").Append(E(b.Limit))
                    .Append("</code></td><td>").Append(b.Value).Append("</td><td>").Append(b.Allowed).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append("<p class=\"meta\">Sources: ");
        html.Append(string.Join("; ", t.Sources.GroupBy(p => p.Value, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => E(g.Key) + " (" + string.Join(", ", g.Select(p => E(p.Key))) + ")")));
        html.Append(".</p>\n</section>\n");
    }

    public static void WriteMarkdown(StringBuilder md, SessionReportSection s)
    {
        CodexSessionSummary t = s.Total;
        md.Append("\n## Sessions\n\n| Sessions | Tool calls | Failed | Blocked by hooks | MCP timeouts | Subagents | Aborted turns | Over limits | Tokens |\n|---|---|---|---|---|---|---|---|---|\n");
        md.Append('|').Append(t.Sessions).Append('|').Append(t.ToolCalls).Append('|').Append(t.ToolFailures).Append('|').Append(t.HookBlocks).Append('|')
            .Append(t.McpTimeouts).Append('|').Append(t.SubagentsSpawned).Append('|').Append(t.Aborts).Append('|').Append(t.SessionsOverLimits).Append('|')
            .Append(t.Tokens.Total).Append("|\n\n| Tool | Calls | Failed | Blocked |\n|---|---|---|---|\n");
        foreach (var x in s.ToolCalls)
        {
            md.Append("| `").Append(x.Tool.Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal)).Append("` |").Append(x.Calls)
                .Append('|').Append(x.Failures).Append('|').Append(x.Blocked).Append("|\n");
        }
    }

    // Horizontal bars, scaled to the largest value, with the label and the number as text.
    private static void BarChart(StringBuilder html, string id, string title, IReadOnlyList<(string Label, double Value, string Shown)> bars)
    {
        if (bars.Count == 0)
        {
            html.Append("<p class=\"none\">Nothing to chart.</p>\n");
            return;
        }

        const int barHeight = 22, labelWidth = 260, barWidth = 420, gap = 6;
        int height = bars.Count * (barHeight + gap) + gap;
        double max = Math.Max(1, bars.Max(b => b.Value));
        html.Append("<svg id=\"").Append(id).Append("\" class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(labelWidth + barWidth + 90)
            .Append("\" height=\"").Append(height).Append("\" viewBox=\"0 0 ").Append(labelWidth + barWidth + 90).Append(' ').Append(height).Append("\">\n<title>")
            .Append(E(title)).Append("</title>\n");
        for (int i = 0; i < bars.Count; i++)
        {
            int y = gap + i * (barHeight + gap);
            double w = Math.Max(bars[i].Value > 0 ? 2 : 0, bars[i].Value / max * barWidth);
            string label = bars[i].Label.Length > 38 ? bars[i].Label[..37] + "…" : bars[i].Label;
            html.Append("<g class=\"bar\"><text x=\"").Append(labelWidth - 8).Append("\" y=\"").Append(y + 16).Append("\" text-anchor=\"end\" font-size=\"13\" fill=\"currentColor\">")
                .Append(E(label)).Append("</text><rect x=\"").Append(labelWidth).Append("\" y=\"").Append(y).Append("\" width=\"")
                .Append(w.ToString("0.#", CultureInfo.InvariantCulture)).Append("\" height=\"").Append(barHeight).Append("\" fill=\"#1565c0\"><title>").Append(E(bars[i].Label))
                .Append(": ").Append(E(bars[i].Shown)).Append("</title></rect><text x=\"").Append((labelWidth + w + 6).ToString("0.#", CultureInfo.InvariantCulture)).Append("\" y=\"")
                .Append(y + 16).Append("\" font-size=\"13\" fill=\"currentColor\">").Append(E(bars[i].Shown)).Append("</text></g>\n");
        }

        html.Append("</svg>\n");
    }

    private static void Card(StringBuilder html, long n, string label) =>
        html.Append("<div class=\"card\"><span class=\"n\">").Append(n).Append("</span>").Append(E(label)).Append("</div>\n");

    private static void WriteTokens(Utf8JsonWriter json, string name, CodexTokenUsage tokens)
    {
        json.WriteStartObject(name);
        json.WriteNumber("input", tokens.Input);
        json.WriteNumber("cachedInput", tokens.CachedInput);
        json.WriteNumber("output", tokens.Output);
        json.WriteNumber("reasoningOutput", tokens.ReasoningOutput);
        json.WriteNumber("total", tokens.Total);
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, long? value)
    {
        if (value is long v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            json.WriteString(name, v.ToString("O", CultureInfo.InvariantCulture));
        }
    }

    // Masked first (rollout text is free text), then HTML-encoded.
    private static string E(string text) => WebUtility.HtmlEncode(SecretText.Mask(text));
}
