using System.Text.RegularExpressions;
using static Codex.Plugins.Masking.Detection.DetectorShapes;

namespace Codex.Plugins.Masking.Detection;

/// <summary>Personal data: email, public IP addresses, card numbers (Luhn), IBAN (mod-97), US SSN, phone numbers.</summary>
internal static class PersonalDataDetectors
{
    public static IEnumerable<SecretDetector> All() => new SecretDetector[]
    {
        new()
        {
            // Not the password of a URL's user:password@host, which only looks like an address.
            Reach = (150, 260), Id = "email", Kind = "EMAIL", Category = DetectorCategory.PersonalData, Priority = 90,
            Pattern = R(@"(?<![\w.+\-])(?<!://[^\s/?#@:]{1,64}:)(?<secret>[A-Za-z0-9](?:[A-Za-z0-9._%+\-]{0,62}[A-Za-z0-9_%+\-])?@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,24})(?![\w\-])"),
            Validator = IsRealEmail, KeepPrefixes = Array.Empty<string>(),
        },
        new()
        {
            Id = "ipv4-public", Kind = "IP_ADDRESS", Category = DetectorCategory.PersonalData, Priority = 90,
            Pattern = R(@"(?<![\w.])(?<secret>(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})(?![\w]|\.\d)"),
            Validator = Validators.IsPublicIp, Confidence = FindingConfidence.Medium,
        },
        new()
        {
            Id = "ipv6-public", Kind = "IP_ADDRESS", Category = DetectorCategory.PersonalData, Priority = 90,
            Pattern = R(@"(?<![\w:.])(?<secret>(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}:){1,6}(?::[0-9A-Fa-f]{1,4}){1,6}|(?:[0-9A-Fa-f]{1,4}:){1,7}:|::(?:[0-9A-Fa-f]{1,4}:){0,6}[0-9A-Fa-f]{1,4})(?:%\w+)?(?![\w:])"),
            Validator = v => v.Count(c => c == ':') >= 2 && Validators.IsPublicIp(v.Split('%')[0]), Confidence = FindingConfidence.Medium,
        },
        new()
        {
            Id = "credit-card", Kind = "CARD_NUMBER", Category = DetectorCategory.PersonalData, Priority = 85,
            Pattern = R(@"(?<![\d\-.])(?<secret>[2-6]\d{3}(?:[ \-]?\d{4}){2}[ \-]?\d{1,7})(?![\d\-])"), Validator = Validators.IsCardNumber,
        },
        new()
        {
            Id = "iban", Kind = "IBAN", Category = DetectorCategory.PersonalData, Priority = 85,
            Pattern = R(@"(?<![A-Za-z0-9])(?<secret>[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?)(?![A-Za-z0-9])"), Validator = Validators.IsIban,
        },
        new()
        {
            Id = "us-ssn", Kind = "US_SSN", Category = DetectorCategory.PersonalData, Priority = 86, Confidence = FindingConfidence.Medium,
            Pattern = R(@"(?<![\w\-.])(?<secret>\d{3}(?<sep>[\- ])\d{2}\k<sep>\d{4})(?![\w\-.])"), Validator = Validators.IsSsn,
        },
        new()
        {
            Id = "phone-number", Kind = "PHONE", Category = DetectorCategory.PersonalData, Priority = 88, Confidence = FindingConfidence.Medium,
            Pattern = R(@"(?i)(?:(?<![\w+])(?<secret>\+[1-9][\d \-.()]{6,20}\d)(?![\w])|(?:phone|tel|mobile|cell|fax|call|sms|whatsapp|telefon)[\w. ]{0,16}?[""']?\s*[:=#]?\s*[""']?(?<secret>\(?\d[\d \-.()]{5,18}\d)(?![\w]))"),
            Validator = PhoneNumberValidator.IsPhoneNumber,
        },
    };

    private static readonly string[] DocumentationDomains = { "example.com", "example.org", "example.net", "localhost", "test.com", "domain.com", "email.com", "company.com", "users.noreply.github.com" };

    private static bool IsRealEmail(string value)
    {
        int at = value.LastIndexOf('@');
        string local = value[..at];
        string domain = value[(at + 1)..].ToLowerInvariant();
        string tld = domain[(domain.LastIndexOf('.') + 1)..];
        if (tld is "png" or "jpg" or "jpeg" or "gif" or "svg" or "webp" or "js" or "css" or "ts" or "py" or "rb" or "go" or "md" or "json" or "yaml" or "yml" or "toml" or "lock")
        {
            return false;
        }

        if (local is "git" or "noreply" or "no-reply" || local.StartsWith("your", StringComparison.OrdinalIgnoreCase) || local.Contains("fake", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return !DocumentationDomains.Any(d => domain == d || domain.EndsWith("." + d, StringComparison.Ordinal));
    }
}
