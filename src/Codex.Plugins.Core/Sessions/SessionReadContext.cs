namespace Codex.Plugins.Sessions;

/// <summary>
/// Shared by every file of one run: which problems were already reported (an unknown item kind is reported once, not
/// once per file), and the machine to name.
/// </summary>
public sealed class SessionReadContext
{
    public SessionReadContext(string? machine = null)
    {
        Machine = string.IsNullOrEmpty(machine) ? Environment.MachineName : machine;
    }

    public string Machine { get; }

    /// <summary>Invalid lines reported one by one per file before the rest are only counted.</summary>
    public int MaxLineIssuesPerFile { get; init; } = 5;

    internal HashSet<string> ReportedUnknownKinds { get; } = new(StringComparer.Ordinal);
}
