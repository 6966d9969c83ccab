using System.Globalization;
using System.Text.RegularExpressions;
using Codex.Plugins.Sessions;

namespace Codex.Plugins.Internal;

/// <summary>
/// Session measurements off the pipeline for a report: live objects as they are, and measurements that came back
/// from a job or remoting rebuilt from their flat properties (the per-tool breakdown does not survive serialization
/// depth; the totals, tokens and limit breaches do).
/// </summary>
internal static class SessionInput
{
    private const string DeserializedName = "Deserialized.Codex.Plugins.CodexSessionMeasurement";

    public static CodexSessionMeasurement? Read(PSObject input)
    {
        if (input.BaseObject is CodexSessionMeasurement live)
        {
            return live;
        }

        if (!input.TypeNames.Contains(DeserializedName))
        {
            return null;
        }

        string machine = Text(input, "PSComputerName") ?? Text(input, "Machine") ?? Environment.MachineName;
        var session = new CodexSession
        {
            Id = Text(input, "Id") ?? string.Empty,
            Role = Text(input, "Role") ?? SessionRoles.Main,
            Model = Text(input, "Model"),
            Machine = machine,
            Start = Time(input, "Start")?.UtcDateTime,
            File = Text(input, "File") ?? string.Empty,
            Depth = (int)Number(input, "Depth"),
        };
        var m = new CodexSessionMeasurement
        {
            Session = session,
            End = Time(input, "End")?.UtcDateTime,
            Turns = (int)Number(input, "Turns"),
            CompletedTurns = (int)Number(input, "CompletedTurns"),
            Aborts = (int)Number(input, "Aborts"),
            ToolCalls = Number(input, "ToolCalls"),
            ToolFailures = Number(input, "ToolFailures"),
            HookBlocks = Number(input, "HookBlocks"),
            McpCalls = Number(input, "McpCalls"),
            McpFailures = Number(input, "McpFailures"),
            McpTimeouts = Number(input, "McpTimeouts"),
            SubagentsSpawned = (int)Number(input, "SubagentsSpawned"),
            PeakOpenSubagents = (int)Number(input, "PeakOpenSubagents"),
            Tokens = new CodexTokenUsage { Total = Number(input, "TotalTokens") },
            InvalidLines = Number(input, "InvalidLines"),
            UnknownItems = Number(input, "UnknownItems"),
            IsComplete = input.Properties["IsComplete"]?.Value is not bool complete || complete,
        };

        // Breaches serialize as their text: "agents.max_depth 1 > 0".
        if (input.Properties["LimitBreaches"]?.Value is { } breaches)
        {
            foreach (object? b in LanguagePrimitives.GetEnumerable(breaches) ?? Array.Empty<object>())
            {
                Match match = Regex.Match(b?.ToString() ?? string.Empty, @"^(?<limit>agents\.\w+) (?<value>\d+) > (?<allowed>\d+)$");
                if (match.Success)
                {
                    m.LimitBreaches.Add(new SessionLimitBreach(session.Id, match.Groups["limit"].Value, int.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture),
                        int.Parse(match.Groups["allowed"].Value, CultureInfo.InvariantCulture), machine, session.File));
                }
            }
        }

        return m;
    }

    private static string? Text(PSObject input, string name) =>
        input.Properties[name]?.Value is { } value && value.ToString() is { Length: > 0 } s ? s : null;

    private static long Number(PSObject input, string name) =>
        input.Properties[name]?.Value is { } value && long.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) ? n : 0;

    private static DateTimeOffset? Time(PSObject input, string name) => input.Properties[name]?.Value switch
    {
        DateTimeOffset t => t,
        DateTime d => new DateTimeOffset(d),
        string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset p) => p,
        _ => null,
    };
}
