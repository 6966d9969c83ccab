using System.Management.Automation;
using Codex.Plugins.Reports;

namespace Codex.Plugins.Internal;

/// <summary>
/// Reads findings off pipeline objects by property name, so live CodexFinding objects, findings deserialized after
/// remoting (with PSComputerName) and objects that carry a Findings array (CodexPlugin) all feed a report.
/// </summary>
internal static class FindingInput
{
    public static bool HasFindingsProperty(PSObject input) => input.Properties["Findings"] is not null;

    public static void Collect(PSObject input, string defaultMachine, List<AuditEntry> into)
    {
        string machine = Text(input, "PSComputerName") ?? defaultMachine;
        if (Text(input, "RuleId") is { } ruleId && Text(input, "Message") is { } message)
        {
            into.Add(new AuditEntry(
                ruleId,
                Severity(input.Properties["Severity"]?.Value),
                message,
                Text(input, "Target") ?? string.Empty,
                Text(input, "File"),
                input.Properties["Line"]?.Value is { } line && int.TryParse(line.ToString(), out int n) ? n : null,
                Text(input, "Remediation") ?? string.Empty,
                machine,
                AuditEntry.PluginOf(Text(input, "Target") ?? string.Empty, Text(input, "PluginId"))));
            return;
        }

        if (input.Properties["Findings"]?.Value is { } findings)
        {
            string? pluginId = Text(input, "PluginId");
            foreach (object? item in LanguagePrimitives.GetEnumerable(findings) ?? new[] { findings })
            {
                if (item is null)
                {
                    continue;
                }

                var finding = PSObject.AsPSObject(item);
                if (finding.Properties["PSComputerName"] is null && machine != defaultMachine)
                {
                    finding.Properties.Add(new PSNoteProperty("PSComputerName", machine));
                }

                if (pluginId is not null && finding.Properties["PluginId"] is null)
                {
                    finding.Properties.Add(new PSNoteProperty("PluginId", pluginId));
                }

                Collect(finding, defaultMachine, into);
            }
        }
    }

    private static string? Text(PSObject input, string name) =>
        input.Properties[name]?.Value is { } value && value.ToString() is { Length: > 0 } s ? s : null;

    private static FindingSeverity Severity(object? value) =>
        value is FindingSeverity s ? s
        : Enum.TryParse(PSObject.AsPSObject(value)?.ToString(), ignoreCase: true, out FindingSeverity parsed) ? parsed
        : FindingSeverity.Warning;
}
