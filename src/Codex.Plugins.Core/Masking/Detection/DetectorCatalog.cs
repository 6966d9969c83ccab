namespace Codex.Plugins.Masking.Detection;

/// <summary>
/// Every detector the engine knows, as data. Patterns follow the published rules of gitleaks, secretlint,
/// detect-secrets and presidio (see ../shared/reference/masking-and-peers.md); the secretlint rule snapshots and the
/// labelled corpus in the tests hold them to account. Group <c>secret</c> marks what is masked, so a URL keeps its
/// scheme, user and host and a header keeps its name.
/// </summary>
public static class DetectorCatalog
{
    /// <summary>All detectors, provider-specific first (they win overlaps against the generic ones).</summary>
    public static IReadOnlyList<SecretDetector> All { get; } = Build();

    public static SecretDetector? Find(string id) => All.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase));

    private static List<SecretDetector> Build() =>
        KeyBlockDetectors.All()
            .Concat(CloudDetectors.All())
            .Concat(SourceControlDetectors.All())
            .Concat(AiProviderDetectors.All())
            .Concat(CollaborationDetectors.All())
            .Concat(PaymentAndMailDetectors.All())
            .Concat(DeveloperPlatformDetectors.All())
            .Concat(ContextDetectors.All())
            .Concat(PersonalDataDetectors.All())
            .ToList();
}
