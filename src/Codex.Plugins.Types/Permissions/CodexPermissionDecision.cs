namespace Codex.Plugins;

/// <summary>One answer: may this profile read/write this path, or reach this host, and which rule says so.</summary>
public sealed class CodexPermissionDecision
{
    public string Profile { get; init; } = string.Empty;

    /// <summary>The path or host probed, normalised as Codex compares it.</summary>
    public string Target { get; init; } = string.Empty;

    /// <summary>Read, Write (filesystem) or Connect (network).</summary>
    public string Access { get; init; } = string.Empty;

    public bool Allowed { get; init; }

    /// <summary>The rule that decided, e.g. <c>"/srv" = "deny"</c>, or why nothing matched.</summary>
    public string DecidingRule { get; init; } = string.Empty;

    public string? File { get; init; }

    public int? Line { get; init; }

    /// <summary>For an agent's probe: the agent whose request was checked against its parent's sandbox.</summary>
    public string? Agent { get; init; }

    public override string ToString() => $"{Profile} {Access} {Target}: {(Allowed ? "allowed" : "denied")}";
}
