using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Codex.Plugins.Masking.Detection;

/// <summary>Checksums and parses that tell a real value from a look-alike.</summary>
public static class Validators
{
    /// <summary>Shannon entropy in bits per character.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Entropy(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return 0;
        }

        Span<int> counts = stackalloc int[128];
        int other = 0;
        foreach (char c in value)
        {
            if (c < 128)
            {
                counts[c]++;
            }
            else
            {
                other++;
            }
        }

        double entropy = 0;
        double length = value.Length;
        foreach (int count in counts)
        {
            if (count > 0)
            {
                double p = count / length;
                entropy -= p * Math.Log2(p);
            }
        }

        if (other > 0)
        {
            double p = other / length;
            entropy -= p * Math.Log2(p);
        }

        return entropy;
    }

    /// <summary>Card numbers: 13-19 digits (spaces and dashes ignored) that pass Luhn and start like a card scheme.</summary>
    public static bool IsCardNumber(string value)
    {
        string digits = DigitsOnly(value);
        if (digits.Length is < 13 or > 19 || digits.Distinct().Count() < 2)
        {
            return false;
        }

        if (digits[0] is not ('2' or '3' or '4' or '5' or '6'))
        {
            return false;
        }

        int sum = 0;
        bool doubleIt = false;
        for (int i = digits.Length - 1; i >= 0; i--)
        {
            int d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    private static readonly Dictionary<string, int> IbanLengths = new(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22,
        ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DK"] = 18, ["DO"] = 28,
        ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23,
        ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26,
        ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20,
        ["LV"] = 21, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NL"] = 18,
        ["NO"] = 15, ["PK"] = 24, ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["SA"] = 24,
        ["SC"] = 31, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["ST"] = 25, ["SV"] = 28, ["TL"] = 23, ["TN"] = 24,
        ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20,
    };

    /// <summary>IBAN: a known country, that country's length, and the ISO 7064 mod-97 check.</summary>
    public static bool IsIban(string value)
    {
        string compact = new(value.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        if (compact.Length < 15 || !IbanLengths.TryGetValue(compact[..2], out int length) || compact.Length != length)
        {
            return false;
        }

        string rearranged = compact[4..] + compact[..4];
        int remainder = 0;
        foreach (char c in rearranged)
        {
            int v = char.IsDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = v >= 10 ? (remainder * 100 + v) % 97 : (remainder * 10 + v) % 97;
        }

        return remainder == 1;
    }

    private static readonly HashSet<string> SampleSsns = new(StringComparer.Ordinal) { "123456789", "078051120", "219099999", "457555462" };

    /// <summary>US SSN: not area 000/666/9xx, group 00 or serial 0000, not one digit repeated, not a published sample.</summary>
    public static bool IsSsn(string value)
    {
        string digits = DigitsOnly(value);
        if (digits.Length != 9 || digits.Distinct().Count() == 1 || SampleSsns.Contains(digits))
        {
            return false;
        }

        string area = digits[..3];
        return area is not ("000" or "666") && area[0] != '9' && digits[3..5] != "00" && digits[5..] != "0000";
    }

    /// <summary>A routable public address: not private, loopback, link-local, multicast, CGNAT or documentation ranges.</summary>
    public static bool IsPublicIp(string value)
    {
        string candidate = value;
        int slash = candidate.IndexOf('/');
        if (slash > 0)
        {
            candidate = candidate[..slash];
        }

        if (!IPAddress.TryParse(candidate, out IPAddress? address))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            if (candidate.Count(c => c == '.') != 3)
            {
                return false;
            }

            byte[] b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 or >= 224
                || (b[0] == 100 && b[1] >= 64 && b[1] < 128)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] < 32)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)
                || (b[0] == 198 && b[1] is 18 or 19)
                || (b[0] == 198 && b[1] == 51 && b[2] == 100)
                || (b[0] == 203 && b[1] == 0 && b[2] == 113)
                || b.All(x => x == 255));
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv4MappedToIPv6)
            {
                return IsPublicIp(address.MapToIPv4().ToString());
            }

            byte[] b = address.GetAddressBytes();
            bool documentation = b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8;
            return !(IPAddress.IsLoopback(address) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xfe) == 0xfc || documentation || address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any)
                || (b[0] & 0xe0) != 0x20);
        }

        return false;
    }

    /// <summary>
    /// A JWT. Signed (three parts): header and payload decode as base64url to something that opens a JSON object; the
    /// header's content is not checked further, since issuers put odd or vendor-specific headers there and the signature
    /// already says it is a token. Unsigned (two parts): the header must be a JSON object with an <c>alg</c>.
    /// </summary>
    public static bool IsJwt(string value)
    {
        string[] parts = value.Split('.');
        if (parts.Length < 2)
        {
            return false;
        }

        if (parts.Length == 3 && parts[2].TrimEnd('=').Length >= 10)
        {
            return IsJsonObjectHead(parts[0]) && OpensJsonObject(parts[1]);
        }

        string? header = DecodeBase64Url(parts[0]);
        return header is not null && header.Contains("\"alg\"", StringComparison.Ordinal) && IsJsonObject(header);
    }

    /// <summary>
    /// A signed JWT's header: a JSON object whose first member name is plain ASCII text (values may hold any bytes) and
    /// which closes with "}"; a header cut short or bytes that only open with "{" are not one.
    /// </summary>
    private static bool IsJsonObjectHead(string part)
    {
        byte[]? b = DecodeBase64UrlBytes(part);
        int i = 0, end = b?.Length ?? 0;
        while (i < end && b![i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        while (end > i && b![end - 1] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') end--;
        if (end - i < 2 || b![i] != (byte)'{' || b[end - 1] != (byte)'}') return false;
        for (i++; i < end - 1 && b[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'; i++) { }
        if (i == end - 1) return true;
        if (b[i] != (byte)'"') return false;
        int name = ++i;
        while (i < end && b[i] is >= 0x20 and < 0x7f and not (byte)'"') i++;
        if (i == name || i >= end || b[i] != (byte)'"') return false;
        for (i++; i < end && b[i] is (byte)' ' or (byte)'\t'; i++) { }
        return i < end && b[i] == (byte)':';
    }

    /// <summary>The base64url text decodes, and its first non-blank byte opens a JSON object.</summary>
    private static bool OpensJsonObject(string part)
    {
        byte[]? bytes = DecodeBase64UrlBytes(part);
        if (bytes is null)
        {
            return false;
        }

        foreach (byte b in bytes)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                continue;
            }

            return b == (byte)'{';
        }

        return false;
    }

    /// <summary>
    /// Base64 DER of a private key: a SEQUENCE (long-form length) whose first element is the version INTEGER 0 or 1, as
    /// PKCS#1 RSA, PKCS#8 and SEC1 EC keys open. Certificates, public keys and CSRs open with a nested SEQUENCE instead.
    /// Only the first bytes are decoded, so a key cut short (a line of a longer one) is still recognised.
    /// </summary>
    public static bool IsDerPrivateKey(string value)
    {
        int take = Math.Min(value.Length - (value.Length % 4), 16);
        Span<byte> head = stackalloc byte[12];
        if (take < 12 || !Convert.TryFromBase64String(value[..take], head, out int written) || written < 7)
        {
            return false;
        }

        if (head[0] != 0x30)
        {
            return false;
        }

        int lengthBytes = head[1] < 0x80 ? 0 : head[1] & 0x7f;
        if (lengthBytes > 3)
        {
            return false;
        }

        int at = 2 + lengthBytes;
        return at + 3 <= written && head[at] == 0x02 && head[at + 1] == 0x01 && head[at + 2] is 0x00 or 0x01;
    }

    /// <summary>Base64 (either alphabet) that decodes to a JSON object: 1Password service-account tokens and similar.</summary>
    public static bool DecodesToJsonObject(string value)
    {
        string? text = DecodeBase64Url(value);
        return text is not null && IsJsonObject(text);
    }

    private static readonly BigInteger Secp256k1Order = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);

    /// <summary>A secp256k1 private scalar: 64 hex digits, non-zero and below the curve order.</summary>
    public static bool IsSecp256k1Scalar(string value)
    {
        string hex = value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? value[2..] : value;
        if (hex.Length != 64 || !BigInteger.TryParse("0" + hex, System.Globalization.NumberStyles.HexNumber, null, out BigInteger scalar))
        {
            return false;
        }

        return scalar > 0 && scalar < Secp256k1Order && hex.Distinct().Count() > 4;
    }

    /// <summary>The body of a PEM private key block holds real key material: enough base64, not dots, stars or x's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsPemKeyBody(string block)
    {
        int bodyStart = block.IndexOf("-----", 5, StringComparison.Ordinal);
        int bodyEnd = block.LastIndexOf("-----END", StringComparison.Ordinal);
        if (bodyStart < 0 || bodyEnd <= bodyStart)
        {
            return false;
        }

        string body = block[(bodyStart + 5)..bodyEnd].Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\r", "\r", StringComparison.Ordinal);
        int base64 = 0;
        // Line by line (split on \n only, as a PEM reader does), counted in place: whitespace, \r included, is not
        // base64, so the lines need no trimming and no strings of their own.
        ReadOnlySpan<char> rest = body;
        bool more = true;
        while (more)
        {
            int newline = rest.IndexOf('\n');
            more = newline >= 0;
            ReadOnlySpan<char> line = more ? rest[..newline] : rest;
            rest = more ? rest[(newline + 1)..] : ReadOnlySpan<char>.Empty;
            if (line.Contains(':'))
            {
                continue; // Proc-Type / DEK-Info headers of an encrypted PEM.
            }

            foreach (char c in line)
            {
                if (char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=')
                {
                    base64++;
                }
            }
        }

        return base64 >= 64 && Entropy(body) >= 3.5;
    }

    internal static string DigitsOnly(string value) => new(value.Where(char.IsAsciiDigit).ToArray());

    private static byte[]? DecodeBase64UrlBytes(string value)
    {
        string s = value.Replace('-', '+').Replace('_', '/').TrimEnd('=');
        if (s.Length % 4 == 1)
        {
            return null;
        }

        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        byte[] buffer = new byte[s.Length];
        return Convert.TryFromBase64String(s, buffer, out int written) ? buffer[..written] : null;
    }

    private static string? DecodeBase64Url(string value)
    {
        string s = value.Replace('-', '+').Replace('_', '/').TrimEnd('=');
        if (s.Length % 4 == 1)
        {
            return null;
        }

        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        byte[] buffer = new byte[s.Length];
        if (!Convert.TryFromBase64String(s, buffer, out int written))
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(buffer, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
