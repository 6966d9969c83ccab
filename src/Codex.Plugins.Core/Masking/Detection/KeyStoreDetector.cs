using System.Formats.Asn1;

namespace Codex.Plugins.Masking.Detection;

/// <summary>
/// PKCS#12 key stores (.p12/.pfx, such as GCP service-account keys) are binary, so the text detectors never see them:
/// a binary file is recognised as a key store by its DER structure (PFX version 3, PKCS#7 data or signed-data content,
/// a MAC with a sane iteration count). Truncated, random or MAC-less files are not key stores.
/// </summary>
public static class KeyStoreDetector
{
    public const string Id = "pkcs12-keystore";
    public const string Kind = "PRIVATE_KEY_STORE";
    private const int MaxIterations = 10_000_000;

    public static bool IsKeyStore(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 32 || bytes[0] != 0x30)
        {
            return false;
        }

        try
        {
            var reader = new AsnReader(bytes.ToArray(), AsnEncodingRules.BER);
            AsnReader pfx = reader.ReadSequence();
            if (!pfx.TryReadInt32(out int version) || version != 3)
            {
                return false;
            }

            AsnReader authSafe = pfx.ReadSequence();
            string contentType = authSafe.ReadObjectIdentifier();
            if (contentType is not ("1.2.840.113549.1.7.1" or "1.2.840.113549.1.7.2"))
            {
                return false;
            }

            authSafe.ReadEncodedValue();
            if (!pfx.HasData)
            {
                return false;
            }

            AsnReader mac = pfx.ReadSequence();
            mac.ReadSequence(); // DigestInfo
            mac.ReadOctetString(); // salt
            int iterations = 1;
            if (mac.HasData && !mac.TryReadInt32(out iterations))
            {
                return false;
            }

            return iterations is > 0 and <= MaxIterations;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }
}
