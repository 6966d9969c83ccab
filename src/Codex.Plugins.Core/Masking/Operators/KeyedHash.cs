using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Codex.Plugins.Masking.Operators;

/// <summary>
/// HMAC-SHA256 of a string's UTF-8 bytes, for tags and fingerprints (two per finding). The one-shot HMACSHA256.HashData
/// sets up a new OpenSSL context each call, about three times the cost of the hash itself on short values, so each
/// thread keeps one context per key and resets it.
/// </summary>
internal static class KeyedHash
{
    // A run uses two keys at most (fingerprints and tags), so a few per thread are enough; the oldest makes way.
    private const int Kept = 4;

    [ThreadStatic]
    private static (byte[] Key, IncrementalHash Hmac)[]? _cached;

    /// <summary>Writes the 32-byte MAC of <paramref name="value"/> under <paramref name="key"/> into <paramref name="mac"/>.</summary>
    public static void Compute(byte[] key, string value, Span<byte> mac)
    {
        var cached = _cached ??= new (byte[], IncrementalHash)[Kept];
        int slot = Array.FindIndex(cached, c => ReferenceEquals(c.Key, key));
        if (slot < 0)
        {
            cached[^1].Hmac?.Dispose();
            Array.Copy(cached, 0, cached, 1, Kept - 1);
            cached[0] = (key, IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key));
            slot = 0;
        }

        IncrementalHash hmac = cached[slot].Hmac;
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = max > 512 ? ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> bytes = rented is null ? stackalloc byte[512] : rented;
        int n = Encoding.UTF8.GetBytes(value, bytes);
        hmac.AppendData(bytes[..n]);
        hmac.GetHashAndReset(mac);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
