using System.Text.Json;

namespace Codex.Plugins.Reports;

/// <summary>
/// SARIF 2.1.0, the format code-scanning services ingest: one run, the rules the findings cite, one result per finding
/// with its file and line. Findings from several machines keep their machine in properties and in a fingerprint, so a
/// scanner does not merge the same problem on two machines into one. Locations are relative to one base id
/// (<see cref="BaseId"/>, declared in originalUriBaseIds), so a code-scanning service can map them to its checkout;
/// accepted risks are results with SARIF suppressions, never open results.
/// </summary>
public static class SarifReportWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>The base id every absolute location is relative to: the deepest folder all of the report's files share.</summary>
    public const string BaseId = "AUDITROOT";

    public static string Write(AuditReport report)
    {
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < report.Rules.Count; i++)
        {
            ruleIndex[report.Rules[i].Id] = i;
        }

        string? root = CommonRoot(report.Entries.Concat(report.Suppressed).Select(e => e.File));
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();

            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", AuditReport.ToolName);
            json.WriteString("semanticVersion", report.ToolVersion);
            json.WriteString("informationUri", AuditReport.InformationUri);
            json.WriteStartArray("rules");
            foreach (AuditRule rule in report.Rules)
            {
                json.WriteStartObject();
                json.WriteString("id", rule.Id);
                json.WriteString("name", rule.Id);
                json.WriteStartObject("shortDescription");
                json.WriteString("text", rule.Summary);
                json.WriteEndObject();
                if (rule.HelpUri is not null)
                {
                    json.WriteString("helpUri", rule.HelpUri);
                }

                json.WriteStartObject("defaultConfiguration");
                json.WriteString("level", Level(rule.DefaultSeverity));
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("invocations");
            json.WriteStartObject();
            json.WriteBoolean("executionSuccessful", true);
            json.WriteString("endTimeUtc", report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));
            json.WriteEndObject();
            json.WriteEndArray();

            if (root is not null)
            {
                json.WriteStartObject("originalUriBaseIds");
                json.WriteStartObject(BaseId);
                json.WriteString("uri", new Uri(root).AbsoluteUri);
                json.WriteStartObject("description");
                json.WriteString("text", "The folder the audited files share (a Codex home, /etc/codex, a project).");
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteStartArray("results");
            foreach (AuditEntry e in report.Entries.Concat(report.Suppressed))
            {
                WriteResult(json, e, ruleIndex[e.RuleId], root);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return ReportRenderer.Utf8NoBom.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteResult(Utf8JsonWriter json, AuditEntry e, int ruleIndex, string? root)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", e.RuleId);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(e.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", string.IsNullOrEmpty(e.Remediation) ? e.Message : $"{e.Message} {e.Remediation}");
        json.WriteEndObject();
        if (e.File is not null)
        {
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            if (root is not null && Path.IsPathRooted(e.File))
            {
                json.WriteString("uri", RelativeUri(Path.GetRelativePath(root, e.File)));
                json.WriteString("uriBaseId", BaseId);
            }
            else
            {
                json.WriteString("uri", FileUri(e.File));
            }

            json.WriteEndObject();
            if (e.Line is int line and > 0)
            {
                json.WriteStartObject("region");
                json.WriteNumber("startLine", line);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        if (e.Suppressed)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "external");
            json.WriteString("status", "accepted");
            if (e.SuppressionReason is not null)
            {
                json.WriteString("justification", e.SuppressionReason);
            }

            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartObject("partialFingerprints");
        json.WriteString("codexFinding/v1", $"{e.Machine}|{e.RuleId}|{e.Target}");
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("target", e.Target);
        json.WriteString("machine", e.Machine);
        json.WriteString("remediation", e.Remediation);
        if (e.PluginId is not null)
        {
            json.WriteString("pluginId", e.PluginId);
        }

        if (e.Profile is not null)
        {
            json.WriteString("profile", e.Profile);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string Level(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => "error",
        FindingSeverity.Warning => "warning",
        _ => "note",
    };

    /// <summary>The deepest folder (with a trailing separator) that holds every absolute file, or null when none is absolute.</summary>
    private static string? CommonRoot(IEnumerable<string?> files)
    {
        string[]? common = null;
        foreach (string file in files.OfType<string>().Where(Path.IsPathRooted))
        {
            string[] folders = (Path.GetDirectoryName(Path.GetFullPath(file)) ?? file).Split(Path.DirectorySeparatorChar);
            if (common is null)
            {
                common = folders;
                continue;
            }

            int n = 0;
            while (n < common.Length && n < folders.Length && common[n] == folders[n])
            {
                n++;
            }

            common = common[..n];
        }

        if (common is null)
        {
            return null;
        }

        string joined = string.Join(Path.DirectorySeparatorChar, common);
        return (joined.Length == 0 ? Path.GetPathRoot(Environment.CurrentDirectory) ?? "/" : joined).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
    }

    private static string RelativeUri(string relative) =>
        string.Join('/', relative.Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));

    private static string FileUri(string path) =>
        Path.IsPathRooted(path) ? new Uri(path).AbsoluteUri : Uri.EscapeDataString(path).Replace("%2F", "/", StringComparison.Ordinal);
}
