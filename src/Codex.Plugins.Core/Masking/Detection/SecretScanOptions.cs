using System.Text.RegularExpressions;

namespace Codex.Plugins.Masking.Detection;

/// <summary>Which detectors run and what is allowed through.</summary>
public sealed record SecretScanOptions
{
    /// <summary>Detector ids or kinds to run (empty: all of the included categories).</summary>
    public IReadOnlyList<string> Rules { get; init; } = Array.Empty<string>();

    /// <summary>Detector ids or kinds never to run.</summary>
    public IReadOnlyList<string> ExcludeRules { get; init; } = Array.Empty<string>();

    /// <summary>Categories that run when no rule is named.</summary>
    public IReadOnlyList<DetectorCategory> Categories { get; init; } = new[] { DetectorCategory.Secret };

    /// <summary>A secret matching one of these is allowed (a known test key, a team's own public id).</summary>
    public IReadOnlyList<Regex> AllowPatterns { get; init; } = Array.Empty<Regex>();

    /// <summary>A line carrying this marker (in a comment) is allowed, as gitleaks' <c>gitleaks:allow</c>.</summary>
    public const string InlineAllowMarker = "codex-secret:allow";

    public static SecretScanOptions Secrets { get; } = new();

    public static SecretScanOptions SecretsAndPersonalData { get; } = new() { Categories = new[] { DetectorCategory.Secret, DetectorCategory.PersonalData } };

    /// <summary>
    /// The secrets a detector knows by their own shape (a provider's prefix and length, a key block, a JWT) with high
    /// confidence; none of the detectors that know a secret by the words around it (URLs, connection strings, headers,
    /// command flags, key = value: priority <see cref="ContextPriority"/> and above in the catalog, or generic). For
    /// text that talks about credentials rather than holds them (documentation): there the words around are examples
    /// (<c>--token &lt;token&gt;</c>, <c>password = input.value</c>), while a real key still has its shape. Also cheap on
    /// prose, whose common words (token, key, password) are the context detectors' keywords.
    /// </summary>
    public static SecretScanOptions ProviderShapedSecrets { get; } = new()
    {
        Rules = DetectorCatalog.All
            .Where(d => d.Category == DetectorCategory.Secret && !d.Generic && d.Confidence == FindingConfidence.High && d.Priority < ContextPriority)
            .Select(d => d.Id)
            .ToArray(),
    };

    /// <summary>The catalog's priority for detectors that find a secret by its context (they lose overlaps to shapes).</summary>
    public const int ContextPriority = 60;
}
