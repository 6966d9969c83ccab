using Codex.Plugins.Reports;

namespace Codex.Plugins.Internal;

/// <summary>
/// Reads findings off pipeline objects by property name, so live CodexFinding objects, findings deserialized after
/// remoting (with PSComputerName) and objects that carry a Findings array (CodexPlugin) all feed a report. What it
/// cannot read as a finding it hands back, so the cmdlet says so instead of writing a report that looks clean.
/// </summary>
internal static class FindingInput
{
    /// <summary>Adds the findings the input is or carries; returns the pieces that are not findings.</summary>
    public static IReadOnlyList<PSObject> Collect(PSObject input, string defaultMachine, List<AuditEntry> into)
    {
        var unreadable = new List<PSObject>();
        Collect(input, defaultMachine, into, unreadable, nested: false);
        return unreadable;
    }

    private static void Collect(PSObject input, string defaultMachine, List<AuditEntry> into, List<PSObject> unreadable, bool nested)
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
                AuditEntry.PluginOf(Text(input, "Target") ?? string.Empty, Text(input, "PluginId")))
            {
                Profile = Text(input, "Profile"),
                Suppressed = input.Properties["Suppressed"]?.Value is { } s && LanguagePrimitives.IsTrue(s) && !string.Equals(s.ToString(), "False", StringComparison.OrdinalIgnoreCase),
                SuppressionReason = Text(input, "SuppressionReason"),
            });
            return;
        }

        if (nested || input.Properties["Findings"] is not { } property)
        {
            unreadable.Add(input);
            return;
        }

        string? pluginId = Text(input, "PluginId");
        object? findings = property.Value;
        if (findings is null)
        {
            return;
        }

        // A collection that came back from serialization as its ToString() is one string: not findings.
        IEnumerable<object?> items = findings is string || PSObject.AsPSObject(findings).BaseObject is string
            ? new[] { findings }
            : LanguagePrimitives.GetEnumerable(findings)?.Cast<object?>() ?? new[] { findings };
        foreach (object? item in items)
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

            if (pluginId is not null && finding.Properties["PluginId"] is null && finding.BaseObject is not string)
            {
                finding.Properties.Add(new PSNoteProperty("PluginId", pluginId));
            }

            Collect(finding, defaultMachine, into, unreadable, nested: true);
        }
    }

    private static string? Text(PSObject input, string name) =>
        input.Properties[name]?.Value is { } value && value.ToString() is { Length: > 0 } s ? s : null;

    private static FindingSeverity Severity(object? value) =>
        value is FindingSeverity s ? s
        : Enum.TryParse(PSObject.AsPSObject(value)?.ToString(), ignoreCase: true, out FindingSeverity parsed) ? parsed
        : FindingSeverity.Warning;
}
