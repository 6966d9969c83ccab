namespace Codex.Plugins;

/// <summary>
/// One secret found by Find-CodexSecret. It never carries the secret unless the caller asked for it by name
/// (<see cref="Secret"/> stays null otherwise); <see cref="MaskedPreview"/> shows the line with the secret masked.
/// </summary>
public sealed record CodexSecretFinding
{
    public required string RuleId { get; init; }

    public required string Kind { get; init; }

    public required string Category { get; init; }

    /// <summary>The file, or for strings and objects the property path (<c>InputObject.env.TOKEN</c>).</summary>
    public required string File { get; init; }

    public long Line { get; init; }

    public long Column { get; init; }

    public int Length { get; init; }

    public required string MaskedPreview { get; init; }

    /// <summary>Stable for the same rule and secret (keyed HMAC), so a baseline can list it without holding the secret.</summary>
    public required string Fingerprint { get; init; }

    public required string Confidence { get; init; }

    /// <summary>The secret itself, only with -IncludeSecret.</summary>
    public string? Secret { get; init; }

    public override string ToString() => $"{File}:{Line}:{Column} {RuleId} {MaskedPreview}";
}
