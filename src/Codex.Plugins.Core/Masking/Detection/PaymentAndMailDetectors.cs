using System.Text.RegularExpressions;
using static Codex.Plugins.Masking.Detection.DetectorShapes;

namespace Codex.Plugins.Masking.Detection;

/// <summary>Payments, mail and messaging: Stripe, Square, Braintree, SendGrid, Twilio, Mailgun, Mailchimp, and secp256k1 wallet keys.</summary>
internal static class PaymentAndMailDetectors
{
    public static IEnumerable<SecretDetector> All() => new SecretDetector[]
    {
        Token("stripe-secret-key", "STRIPE_KEY", @"(?<![A-Za-z0-9])(?<secret>(?:sk|rk)_(?:test|live|prod)_[A-Za-z0-9]{24,99})" + End, "sk_live_", "sk_test_", "rk_live_", "rk_test_", "sk_prod_", "rk_prod_"),
        Token("stripe-webhook-secret", "STRIPE_KEY", Start + @"(?<secret>whsec_[A-Za-z0-9]{32,})" + End, "whsec_"),
        // Access tokens (EAAA…, sq0atp-…) run from 22 to 60 characters after the prefix; application secrets are 43.
        Token("square-token", "SQUARE_TOKEN", Start + @"(?<secret>(?:EAAA[A-Za-z0-9_\-+=]{22,60}|sq0atp-[A-Za-z0-9_\-]{22,60}|sq0csp-[A-Za-z0-9_\-]{43}))" + End, "EAAA", "sq0atp-", "sq0csp-") with { MinEntropy = 3.0 },
        Token("paypal-braintree-token", "PAYPAL_TOKEN", @"(?<secret>access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32})", "access_token$production$"),
        // SG.<key id>.<secret>, the secret 43 characters and up to 50, taken greedily so a longer run is not cut at 43
        // (which left the key's tail in clear); found glued to words too, as secretlint's cases have it. Older keys
        // are 66 characters without the inner dot.
        Token("sendgrid-api-key", "SENDGRID_API_KEY", @"(?<secret>SG\.[A-Za-z0-9_\-]{16,32}\.[A-Za-z0-9_\-]{43,50}|(?<![A-Za-z0-9_\-])SG\.[A-Za-z0-9_\-=]{66}(?![A-Za-z0-9_\-=.]))", "SG.") with { MinEntropy = 3.5 },
        new()
        {
            Id = "twilio-api-key", Kind = "TWILIO_KEY", Keywords = new[] { "SK" }, KeepPrefixes = new[] { "SK" },
            Pattern = R(@"(?<![A-Za-z0-9])(?<secret>SK[0-9a-f]{32})(?![A-Za-z0-9])"), MinEntropy = 3.0,
        },
        new()
        {
            // An account's auth token is 32 hex digits with no prefix: only the Twilio name before it says what it is.
            Reach = (16, 120), Id = "twilio-auth-token", Kind = "TWILIO_KEY", Keywords = new[] { "twilio" }, Priority = 40, Confidence = FindingConfidence.Medium,
            Pattern = R(@"(?i)twilio[\w.\-]{0,20}?(?:token|key|secret|auth)[\w.\-]{0,20}[""']?\s*(?:[:=]|=>)\s*[""']?(?<secret>[0-9a-f]{32})(?![0-9a-z])"),
            MinEntropy = 3.0,
        },
        new()
        {
            Reach = (16, 48), Id = "mailgun-api-key", Kind = "MAILGUN_KEY", Keywords = new[] { "key-" }, KeepPrefixes = new[] { "key-" },
            // Legacy private keys: key- and 32 characters, hex in most, lower-case letters and digits in some.
            Pattern = R(@"(?<![A-Za-z0-9_\-])(?<secret>key-[0-9a-z]{32})" + End), MinEntropy = 3.0, Validator = v => v.AsSpan(4).ContainsAnyInRange('0', '9'),
        },
        new()
        {
            // Current private API keys and webhook signing keys: 32, 8 and 8 hex digits, near the Mailgun name.
            Reach = (16, 400), Id = "mailgun-private-key", Kind = "MAILGUN_KEY", Keywords = new[] { "mailgun" },
            Pattern = R(@"(?<![A-Za-z0-9\-])(?<secret>[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})(?![A-Za-z0-9\-])"), MinEntropy = 3.0,
        },
        new()
        {
            Id = "mailchimp-api-key", Kind = "MAILCHIMP_KEY", Keywords = new[] { "-us" }, Reach = (40, 16),
            Pattern = R(@"(?<![A-Za-z0-9])(?<secret>[0-9a-f]{32}-us\d{1,2})(?![A-Za-z0-9])"),
        },
        new()
        {
            Reach = (16, 80), Id = "secp256k1-private-key", Kind = "CRYPTO_PRIVATE_KEY", Keywords = new[] { "0x" }, Confidence = FindingConfidence.Medium,
            Pattern = R(@"(?<![A-Za-z0-9])0x(?<secret>[0-9a-fA-F]{64})(?![A-Za-z0-9])"), Validator = Validators.IsSecp256k1Scalar,
        },
    };
}
