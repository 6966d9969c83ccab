using System.Security.Cryptography;
using System.Text;

namespace Codex.Plugins.Masking.Detection;

/// <summary>
/// Values that look issued but were published as samples: the example API keys the Firebase Android SDK ships in its
/// sources and tests, and JSON Web Tokens signed with the demonstration secrets of jwt.io's debugger. They unlock
/// nothing that is not already public, so masking them only hides documentation.
/// </summary>
public static class PublishedSamples
{
    // From firebase/firebase-android-sdk (test resources and sample google-services.json files).
    private static readonly HashSet<string> FirebaseExampleKeys = new(StringComparer.Ordinal)
    {
        "AIzaSyabcdefghijklmnopqrstuvwxyz1234567", "AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs",
        "AIzaSyCkEhVjf3pduRDt6d1yKOMitrUEke8agEM", "AIzaSyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU",
        "AIzaSyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0", "AIzayDNSXIbFmlXbIE6mCzDLQAqITYefhixbX4A",
        "AIzaSyAdOS2zB6NCsk1pCdZ4-P6GBdi_UUPwX7c", "AIzaSyASWm6HmTMdYWpgMnjRBjxcQ9CKctWmLd4",
        "AIzaSyANUvH9H9BsUccjsu2pCmEkOPjjaXeDQgY", "AIzaSyA5_iVawFQ8ABuTZNUdcwERLJv_a_p4wtM",
        "AIzaSyA4UrcGxgwQFTfaI3no3t7Lt1sjmdnP5sQ", "AIzaSyDSb51JiIcB6OJpwwMicseKRhhrOq1cS7g",
        "AIzaSyBF2RrAIm4a0mO64EShQfqfd2AFnzAvvuU", "AIzaSyBcE-OOIbhjyR83gm4r2MFCu4MJmprNXsw",
        "AIzaSyB8qGxt4ec15vitgn44duC5ucxaOi4FmqE", "AIzaSyA8vmApnrHNFE0bApF4hoZ11srVL_n0nvY",
    };

    /// <summary>One of the Firebase SDK's published example keys.</summary>
    public static bool IsFirebaseExampleKey(string value) => FirebaseExampleKeys.Contains(value);

    // The secrets jwt.io's debugger signs its example tokens with (today's and earlier ones), and the word its
    // tutorials use: a token whose HMAC verifies under one of them was made in a demonstration.
    private static readonly byte[][] DemonstrationSecrets =
    {
        Encoding.UTF8.GetBytes("a-string-secret-at-least-256-bits-long"), Encoding.UTF8.GetBytes("your-256-bit-secret"),
        Encoding.UTF8.GetBytes("your-384-bit-secret"), Encoding.UTF8.GetBytes("your-512-bit-secret"), Encoding.UTF8.GetBytes("secret"),
    };

    /// <summary>
    /// A JWT signed with HMAC (HS256, HS384, HS512) whose signature verifies under one of the demonstration secrets.
    /// The algorithm is read from the signature's length, so a header that does not decode still gets checked.
    /// </summary>
    public static bool IsDemonstrationJwt(string token)
    {
        int lastDot = token.LastIndexOf('.');
        if (lastDot <= 0 || token.IndexOf('.') == lastDot)
        {
            return false;
        }

        byte[]? signature = DecodeBase64Url(token.AsSpan(lastDot + 1));
        if (signature is null || signature.Length is not (32 or 48 or 64))
        {
            return false;
        }

        byte[] signed = Encoding.ASCII.GetBytes(token[..lastDot]);
        foreach (byte[] secret in DemonstrationSecrets)
        {
            byte[] mac = signature.Length switch
            {
                32 => HMACSHA256.HashData(secret, signed),
                48 => HMACSHA384.HashData(secret, signed),
                _ => HMACSHA512.HashData(secret, signed),
            };
            if (CryptographicOperations.FixedTimeEquals(mac, signature))
            {
                return true;
            }
        }

        return false;
    }

    private static byte[]? DecodeBase64Url(ReadOnlySpan<char> part)
    {
        string s = part.TrimEnd('=').ToString().Replace('-', '+').Replace('_', '/');
        if (s.Length % 4 == 1)
        {
            return null;
        }

        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        byte[] buffer = new byte[s.Length];
        return Convert.TryFromBase64String(s, buffer, out int written) ? buffer[..written] : null;
    }
}
