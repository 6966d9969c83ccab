using Codex.Plugins.Masking;
using Codex.Plugins.Masking.Detection;

namespace Codex.Plugins.Tests.Masking;

/// <summary>
/// Shapes that other scanners' own test suites label (gitleaks' rule tps/fps, trufflehog's pattern tests), written here
/// with our own values: each true positive must be found by the named detector, each negative left alone. Every case
/// failed before the change it covers (issue 13: 90% of such positives found, at most 9% of negatives altered).
/// </summary>
public sealed class ScannerSuiteShapesTests
{
    private static readonly SecretScanner All = new(SecretScanOptions.SecretsAndPersonalData);

    [Theory]
    // AWS key ids issued before the base32 alphabet hold 0, 1, 8 and 9.
    [InlineData("aws-access-key-id", "credentials { id: AKIAQ8RZ9MT4XW1PLK0B }", "AKIAQ8RZ9MT4XW1PLK0B")]
    [InlineData("aws-access-key-id", "<id>{ASIA9GK1WZ8PQ0VNT3LM}</id>", "ASIA9GK1WZ8PQ0VNT3LM")]
    // Legacy workspace and refresh tokens with repeated id digits (2.9 bits per character).
    [InlineData("slack-token", "SLACK_TOKEN=xoxa-2-611111111-61111111111-6111111111111-d4e7a9b2c0f3e18a5c", "xoxa-2-611111111-61111111111-6111111111111-d4e7a9b2c0f3e18a5c")]
    [InlineData("slack-token", "refresh: xoxr-2-611111111-61111111111-6111111111111-a7b3c9d2e5f1a0c4b8", "xoxr-2-611111111-61111111111-6111111111111-a7b3c9d2e5f1a0c4b8")]
    // A webhook whose path is one opaque part.
    [InlineData("slack-webhook", "url: https://hooks.slack.com/triggers/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", "Tq7Wm2Xr9Lp4Vz8Kc3Nb6Hd1Fs5Jy0Ua2Ee4Gi7Ok9Qw3Rt")]
    // Named values in the forms of code and config the suites cover: an XML element, a typed declaration, a key and
    // value passed as a pair.
    [InlineData("generic-secret-assignment", "<stagingToken>\n    Rk7Vw2Qz9Lm4Xp8Tc3Nb6\n</stagingToken>", "Rk7Vw2Qz9Lm4Xp8Tc3Nb6")]
    [InlineData("generic-secret-assignment", "var deployToken string = \"Hq3Zr8Lw2Vk7Xm4Pt9Cn1\"", "Hq3Zr8Lw2Vk7Xm4Pt9Cn1")]
    [InlineData("generic-secret-assignment", "System.setProperty(\"DEPLOY_TOKEN\", \"Hq3Zr8Lw2Vk7Xm4Pt9Cn1\")", "Hq3Zr8Lw2Vk7Xm4Pt9Cn1")]
    [InlineData("generic-secret-assignment", "env.getOrDefault(\"registry_secret\", \"Wm4Qz8Rk2Lp7Xv3Tn9Bc5\")", "Wm4Qz8Rk2Lp7Xv3Tn9Bc5")]
    // A UUID under a name that says token or secret is a key (npm's legacy tokens, many vendors' API keys).
    [InlineData("generic-secret-assignment", "registry_token = \"7c9e6679-7425-40de-944b-e07fc1f90ae7\"", "7c9e6679-7425-40de-944b-e07fc1f90ae7")]
    // Mailgun: legacy keys of letters and digits, and current 32-8-8 hex keys near the name.
    [InlineData("mailgun-api-key", "MAILGUN_KEY=key-3ax6xnjp29jd6fds4gc373sgvjxteol0", "key-3ax6xnjp29jd6fds4gc373sgvjxteol0")]
    [InlineData("mailgun-private-key", "mailgun:\n  sending: '4f2b8c1e9d7a3f6b0c5e8d2a1b7f3c9e-7a1c3e5f-9b2d4f6a'", "4f2b8c1e9d7a3f6b0c5e8d2a1b7f3c9e-7a1c3e5f-9b2d4f6a")]
    // Kubernetes: the kind in lower case.
    [InlineData("kubernetes-secret", "apiVersion: v1\nkind: secret\ndata:\n  token: c2VjcmV0LXZhbHVlLTQy\n", "c2VjcmV0LXZhbHVlLTQy")]
    // A JWT signed with a secret of its own (the demonstration-secret check below does not take it).
    [InlineData("jwt", "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZ2VudC03NzMxIiwicm9sZSI6InJlYWRlciIsImlhdCI6MTc2NTEwMDAwMH0.JJq35r1AV8TOM0ovn0be3xKTY_Pr3tDLuEXC_I41dPc", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZ2VudC03NzMxIiwicm9sZSI6InJlYWRlciIsImlhdCI6MTc2NTEwMDAwMH0.JJq35r1AV8TOM0ovn0be3xKTY_Pr3tDLuEXC_I41dPc")]
    // A name and a quoted value joined by a dash; a log line's bare "token" before a long random value; a key typed by
    // hand under a credential name (more than half along the keyboard, not all of it).
    [InlineData("generic-secret-assignment", "deploy token - 'Vq8Lm2Zr7Xk4Tw9Pn3Hb6Jd'", "Vq8Lm2Zr7Xk4Tw9Pn3Hb6Jd")]
    [InlineData("generic-secret-assignment", "[DEBUG] Using token qx7f2c9a1e4b8d3f6a0c5e9b2d7f1a3c4e for the upload", "qx7f2c9a1e4b8d3f6a0c5e9b2d7f1a3c4e")]
    [InlineData("generic-secret-assignment", "vendor token = 'f1e2d3c4b5a69870abcdef0123456789abcdef0123456789'", "f1e2d3c4b5a69870abcdef0123456789abcdef0123456789")]
    // Square access tokens of 22 to 60 characters; SendGrid keys whose secret part runs past 43 (masked whole, not cut)
    // and the older 66-character form.
    [InlineData("square-token", "ARG token=sq0atp-Zr8Kq2Lm7Vx4Tw9Pn3Hb6Jd1Fs5", "sq0atp-Zr8Kq2Lm7Vx4Tw9Pn3Hb6Jd1Fs5")]
    [InlineData("square-token", "squareToken: EAAAk7Vw2Qz9Lm4Xp8Tc3Nb6Rj1Hd5Fs0Ga", "EAAAk7Vw2Qz9Lm4Xp8Tc3Nb6Rj1Hd5Fs0Ga")]
    [InlineData("sendgrid-api-key", "key = 'SG.Qm7Zr2Xk9Lp4Vw8Tn3Hb6J.d8Fs1Kc5Gy0Rq7Zv2Xm9Lp4Wt8Nb3Hc6Jd1Fs5Ky0Gz7Qr2Vx9'", "SG.Qm7Zr2Xk9Lp4Vw8Tn3Hb6J.d8Fs1Kc5Gy0Rq7Zv2Xm9Lp4Wt8Nb3Hc6Jd1Fs5Ky0Gz7Qr2Vx9")]
    [InlineData("sendgrid-api-key", "sendgridKey = \"SG.k3Zr8Lw2Vq7Xm4Pt9Cn1Hb6Jd5Fs0Gy2Rq7Zv2Xm9Lp4Wt8Nb3Hc6Jd1Fs5Ky0Gz7Q\"", "SG.k3Zr8Lw2Vq7Xm4Pt9Cn1Hb6Jd5Fs0Gy2Rq7Zv2Xm9Lp4Wt8Nb3Hc6Jd1Fs5Ky0Gz7Q")]
    [InlineData("url-password", "sftp://builder:Zq8vT3kL9m@fileserver.contoso.org:22/drop", "Zq8vT3kL9m")]
    public void Finds_the_shape(string detector, string text, string secret)
    {
        var matches = All.Scan(text);
        Assert.True(matches.Any(m => m.Detector.Id == detector && m.Value == secret),
            $"'{text}' gave {string.Join(", ", matches.Select(m => $"{m.Detector.Id}='{m.Value}'"))}");
    }

    [Theory]
    // The Firebase SDK's published example key.
    [InlineData("google_api_key: AIzaSyBF2RrAIm4a0mO64EShQfqfd2AFnzAvvuU")]
    // JWTs signed with jwt.io's demonstration secrets (HS256 and HS512), our own claims.
    [InlineData("token: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZ2VudC03NzMxIiwicm9sZSI6InJlYWRlciIsImlhdCI6MTc2NTEwMDAwMH0.VX42FqFFdOadOQPhzQt0j_PRYiPBy7I6aye95gfmZ-4")]
    [InlineData("eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZ2VudC03NzMxIiwicm9sZSI6InJlYWRlciIsImlhdCI6MTc2NTEwMDAwMH0.I5QkIEDEIjgaqv5B96p8hW56KNA-7c4syDKYKJeRlup8wg5yfYUAqIpwgP5zweM_MnUWkGVMhDVhOGNW1iyBaw")]
    // Slack samples: a bot token with a short random part, a user token whose ids are 4321 three times.
    [InlineData("SLACK_BOT=xoxb-48213-zx9q71")]
    [InlineData("\"user_token\": \"xoxp-4321-4321-4321-9f8e7d6c5b4a39281706f5e4d3c2b1a0\"")]
    // Names that hold a secret word without naming a secret, or name its id.
    [InlineData("libfoo-keying:x86-musl=fail7")]
    [InlineData("notes = \"Gradle - io.jsonwebtoken:jjwt-impl-0.12.6\"")]
    [InlineData("  \"credentialsId\": \"Jx82kQz7LmW3vTp9Rb\",")]
    [InlineData("\"deploy_key_id\": \"5f0c9a7e-3b1d-4e8a-9c2f-6d4b8a1e7c30\"")]
    [InlineData("<UserSecretsId>0d9c2b7e-4a1f-4c3e-8b6d-2f7a9e1c5b40</UserSecretsId>")]
    [InlineData("client_id = \"3f2b9c4e-8d1a-4b7e-9f6c-2a5d8e1b4c70\"")]
    // A reference, not a literal; the UUID every tutorial prints.
    [InlineData("oauth_token = '@vault_oauth_token_ref9'")]
    [InlineData("api_token = \"123e4567-e89b-12d3-a456-426614174000\"")]
    // A quoted pair is a pair only when both sides are quoted names and values: a URL ending in /token is not a key.
    [InlineData("{\"token_uri\":\"https://auth.example.net/token\",\"auth_provider_cert_url\":\"https://certs.example.net/v1\"}")]
    // A quoted value cut short by a character no token holds is a corrupted sample; a log's bare "token" before words or
    // a short id; a value elided for display; an address that says it is fake.
    [InlineData("vendor token = 'Kd8Zq3Xr7Lm2Vw9?Tn4Hb6Pj1Fs5'")]
    [InlineData("billing token - 'Qm7Zr2Xk9Lp4Vw?Tn3Hb6Jd8Fs1'")]
    [InlineData("the token expires in 3600 seconds, token 3fea6af1349166ea was refreshed")]
    [InlineData("serviceAccountToken:\n  fn::secret: ops_eyJzaWduSW5B..[Redacted]")]
    [InlineData("author = \"jane.fake@mailbox.org\"")]
    // A file URL carries no password (its user:pass@ is a sample), while the same pair in a network URL is one.
    [InlineData("file://builder:Zq8vT3kL9m@fileserver.local:123/drop/artifacts")]
    public void Leaves_the_negative_alone(string text)
    {
        var matches = All.Scan(text);
        Assert.True(matches.Count == 0, $"'{text}' matched {string.Join(", ", matches.Select(m => $"{m.Detector.Id}='{m.Value}'"))}");
        Assert.Equal(text, SecretText.Mask(text));
    }
}
