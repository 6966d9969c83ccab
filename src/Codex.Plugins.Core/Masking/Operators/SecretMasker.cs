using System.Security.Cryptography;
using System.Text;
using Codex.Plugins.Masking.Detection;

namespace Codex.Plugins.Masking.Operators;

/// <summary>
/// Turns matches into replacements. One masker holds one key and one placeholder numbering, so within a run the same
/// secret always masks the same way. Without a key, a random one is made for the process: tags are consistent within
/// the session and mean nothing outside it.
/// </summary>
public sealed class SecretMasker
{
    private static readonly byte[] ProcessKey = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _key;
    private readonly object _gate;

    public SecretMasker(MaskMode mode, byte[]? key = null, PlaceholderMap? map = null)
    {
        Mode = mode;
        _key = key is { Length: > 0 } ? key : ProcessKey;
        Map = map ?? new PlaceholderMap();
        _gate = new object();
    }

    private SecretMasker(SecretMasker parent)
    {
        Mode = parent.Mode;
        _key = parent._key;
        Map = parent.Map;
        _gate = parent._gate;
    }

    /// <summary>
    /// A masker that masks exactly as this one (the same key, the same placeholder numbering, under the same lock) but
    /// keeps its own <see cref="Counts"/>: files masked at once each count their own replacements, and
    /// <see cref="AddCounts"/> adds them to this one's when the file is done.
    /// </summary>
    public SecretMasker CountingApart() => new(this);

    /// <summary>Adds the counts of a masker made by <see cref="CountingApart"/>.</summary>
    public void AddCounts(SecretMasker apart)
    {
        lock (_gate)
        {
            foreach (KeyValuePair<string, int> pair in apart.Counts)
            {
                Counts[pair.Key] = Counts.GetValueOrDefault(pair.Key) + pair.Value;
            }
        }
    }

    public MaskMode Mode { get; }

    public PlaceholderMap Map { get; }

    public static SecretMasker Stars { get; } = new(MaskMode.Stars);

    /// <summary>How many replacements this masker has made, per kind.</summary>
    public Dictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

    public string Replacement(SecretDetector detector, string value) => Replacement(detector.Kind, detector.KeepPrefixes, value);

    public string Replacement(string kind, IReadOnlyList<string> keepPrefixes, string value)
    {
        // Only the counts and the placeholder numbering are shared state; the tag's HMAC is worked out outside the lock,
        // since scans on several threads (a folder's files) mask their previews through one masker.
        string? replacement = Mode switch
        {
            MaskMode.Stars => SecretMask.Mask,
            MaskMode.Redact => $"[{kind}]",
            MaskMode.Placeholder => null,
            _ => $"{keepPrefixes.FirstOrDefault(p => value.StartsWith(p, StringComparison.Ordinal) && p.Length < value.Length / 2)}\u2026[{kind}#{Tag(value)}]",
        };
        lock (_gate)
        {
            Counts[kind] = Counts.GetValueOrDefault(kind) + 1;
            return replacement ?? Map.PlaceholderFor(kind, value);
        }
    }

    /// <summary>First 8 hex digits of HMAC-SHA256 under this masker's key.</summary>
    public string Tag(string value)
    {
        Span<byte> mac = stackalloc byte[32];
        KeyedHash.Compute(_key, value, mac);
        return Convert.ToHexString(mac[..4]).ToLowerInvariant();
    }

    /// <summary>The text with every match replaced (matches sorted, not overlapping, as the scanner returns them).</summary>
    public string Apply(string text, IReadOnlyList<SecretMatch> matches)
    {
        if (matches.Count == 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        int position = 0;
        foreach (SecretMatch match in matches)
        {
            sb.Append(text, position, match.Start - position);
            sb.Append(Replacement(match.Detector, match.Value));
            position = match.End;
        }

        sb.Append(text, position, text.Length - position);
        return sb.ToString();
    }
}
