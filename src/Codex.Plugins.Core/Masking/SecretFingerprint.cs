using System.Runtime.CompilerServices;
using System.Text;

namespace Codex.Plugins.Masking;

/// <summary>
/// Fingerprints for baselines: HMAC-SHA256 of rule and secret under the caller's key (or, without one, a fixed
/// module key, so nightly runs agree; a secret is then as hard to recover from its fingerprint as from an unsalted
/// hash, so give -Key for weak passwords).
/// </summary>
public static class SecretFingerprint
{
    private static readonly byte[] ModuleKey = Encoding.UTF8.GetBytes("Codex.Plugins secret fingerprint v1");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Compute(string ruleId, string secret, byte[]? key = null)
    {
        Span<byte> mac = stackalloc byte[32];
        Operators.KeyedHash.Compute(key is { Length: > 0 } ? key : ModuleKey, ruleId + "\0" + secret, mac);
        return ruleId + ":" + Convert.ToHexString(mac[..10]).ToLowerInvariant();
    }
}
