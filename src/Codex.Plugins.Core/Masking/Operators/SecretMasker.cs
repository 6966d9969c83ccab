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
    private readonly object _gate = new();

    public SecretMasker(MaskMode mode, byte[]? key = null, PlaceholderMap? map = null)
    {
        Mode = mode;
        _key = key is { Length: > 0 } ? key : ProcessKey;
        Map = map ?? new PlaceholderMap();
    }

    public MaskMode Mode { get; }

    public PlaceholderMap Map { get; }

    public static SecretMasker Stars { get; } = new(MaskMode.Stars);

    /// <summary>How many replacements this masker has made, per kind.</summary>
    public Dictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

    public string Replacement(SecretDetector detector, string value) => Replacement(detector.Kind, detector.KeepPrefixes, value);

    public string Replacement(string kind, IReadOnlyList<string> keepPrefixes, string value)
    {
        lock (_gate)
        {
            Counts[kind] = Counts.GetValueOrDefault(kind) + 1;
            switch (Mode)
            {
                case MaskMode.Stars:
                    return SecretMask.Mask;
                case MaskMode.Redact:
                    return $"[{kind}]";
                case MaskMode.Placeholder:
                    return Map.PlaceholderFor(kind, value);
                default:
                    string prefix = keepPrefixes.FirstOrDefault(p => value.StartsWith(p, StringComparison.Ordinal) && p.Length < value.Length / 2) ?? string.Empty;
                    return $"{prefix}\u2026[{kind}#{Tag(value)}]";
            }
        }
    }

    /// <summary>First 8 hex digits of HMAC-SHA256 under this masker's key.</summary>
    public string Tag(string value)
    {
        byte[] mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value));
        return Convert.ToHexString(mac, 0, 4).ToLowerInvariant();
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
