using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Codex.Plugins.Masking.Detection;

/// <summary>
/// The checks a candidate must pass before it counts as a secret: a prefix another provider owns, stopwords, the
/// placeholder heuristics, the entropy floor and the detector's validator; and whether a key = value name says credential.
/// </summary>
public static class SecretCandidate
{
    private static readonly string[] DigestWords = { "sha", "hash", "commit", "digest", "checksum", "integrity", "etag", "rev", "fingerprint", "uuid", "guid" };

    /// <summary>The key (the whole identifier around the matched name: commit_token, not token) names a credential, not a digest or an id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool NamesACredential(string text, Group name)
    {
        if (!name.Success)
        {
            return false;
        }

        int from = name.Index;
        while (from > 0 && name.Index - from < 64 && (char.IsAsciiLetterOrDigit(text[from - 1]) || text[from - 1] is '_' or '-' or '.'))
        {
            from--;
        }

        ReadOnlySpan<char> key = text.AsSpan(from, name.Index + name.Length - from).TrimEnd("_-.");
        // An id (kms_key_id, credentialsId, UserSecretsId) names what holds a secret, not the secret; a client id is
        // judged by the detector's own rule (long and random, not a UUID).
        if (key.Length > 2 && !IsClientId(key) && (key.EndsWith("Id", StringComparison.Ordinal) || key.EndsWith("Ids", StringComparison.Ordinal)
            || (key.EndsWith("id", StringComparison.OrdinalIgnoreCase) && key[^3] is '_' or '-' or '.')
            || (key.EndsWith("ids", StringComparison.OrdinalIgnoreCase) && key.Length > 3 && key[^4] is '_' or '-' or '.')))
        {
            return false;
        }

        foreach (string word in DigestWords)
        {
            if (key.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsClientId(ReadOnlySpan<char> key) =>
        key.EndsWith("clientid", StringComparison.OrdinalIgnoreCase) || key.EndsWith("client_id", StringComparison.OrdinalIgnoreCase)
        || key.EndsWith("client-id", StringComparison.OrdinalIgnoreCase) || key.EndsWith("client.id", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every provider's owned prefixes (see <see cref="SecretDetector.OwnedPrefixes"/>), with the detector owning each.</summary>
    private static readonly (string Prefix, SecretDetector Owner)[] OwnedPrefixes = DetectorCatalog.All
        .SelectMany(d => d.OwnedPrefixes.Select(p => (p, d)))
        .ToArray();

    /// <summary>A context or catch-all detector's candidate that starts with a prefix another detector owns (and so rejected).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool BelongsToAnotherDetector(SecretDetector detector, string value)
    {
        if (!detector.Generic && detector.Priority < SecretScanOptions.ContextPriority)
        {
            return false;
        }

        // Only the prefixes that start with the value's first character can match (a few of some 150).
        if (value.Length == 0 || !OwnedPrefixesByFirst.TryGetValue(value[0], out var candidates))
        {
            return false;
        }

        foreach ((string prefix, SecretDetector owner) in candidates)
        {
            if (!ReferenceEquals(owner, detector) && value.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly Dictionary<char, (string Prefix, SecretDetector Owner)[]> OwnedPrefixesByFirst = OwnedPrefixes
        .Where(p => p.Prefix.Length > 0)
        .GroupBy(p => p.Prefix[0])
        .ToDictionary(g => g.Key, g => g.ToArray());

    /// <summary>The checks a candidate value must pass for this detector (stopwords, placeholders, entropy, validator).</summary>
    public static bool IsRealSecret(SecretDetector detector, string value) => IsRealSecret(detector, value, hexIsCredential: false);

    /// <summary>The checks, with <paramref name="hexIsCredential"/> when the key the value is assigned to names a credential.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsRealSecret(SecretDetector detector, string value, bool hexIsCredential)
    {
        if (BelongsToAnotherDetector(detector, value))
        {
            return false;
        }

        foreach (string stop in detector.Stopwords)
        {
            if (value.Contains(stop, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        if (value == SecretMask.Mask || value.Contains(SecretMask.Mask, StringComparison.Ordinal))
        {
            return false;
        }

        string? prefix = detector.KeepPrefixes.FirstOrDefault(p => value.StartsWith(p, StringComparison.Ordinal));
        bool placeholder = detector.Generic
            ? Placeholders.IsGenericPlaceholder(value, hexIsCredential)
            : Placeholders.IsStrictPlaceholder(value, prefix) || (detector.Confidence < FindingConfidence.High && Placeholders.IsTypedAlongTheAlphabet(value));
        if (placeholder)
        {
            return false;
        }

        if (detector.MinEntropy > 0 && Validators.Entropy(value) < detector.MinEntropy)
        {
            return false;
        }

        return detector.Validator is null || detector.Validator(value);
    }
}
