using Codex.Plugins.Masking;
using Codex.Plugins.Masking.Detection;

namespace Codex.Plugins.Tests.Masking;

/// <summary>
/// A signed JWT's header must be a JSON object (first member name in plain text, closed with "}"): detect-secrets' jwt
/// tests label tokens with a cut-short or corrupted header as not a JWT (our own values here). A header whose member
/// values hold odd bytes (DocumentedFormatTests' kid) is still a token. The negatives failed before (issue 13).
/// </summary>
public sealed class JwtHeaderShapesTests
{
    private static readonly SecretScanner All = new(SecretScanOptions.SecretsAndPersonalData);

    private const string Payload = "eyJzdWIiOiJydW5uZXItNTUyMSIsInNjb3BlIjoicHVibGlzaCIsImlhdCI6MTc2NTIwMDAwMH0";
    private const string Signature = "Qv7Lm2Zr9Xk4Tw8Pn3Hb6Jd1Fs5Gy0Rc7Vz2Wq9Mx4Kt8";

    [Theory]
    // {"kid":"<non-UTF-8 bytes>","alg":"HS512"}: odd values, a JSON object all the same.
    [InlineData("eyJraWQiOiLSpuWMkpjdjraJlu_rkb0iLCJhbGciOiJIUzUxMiJ9")]
    // { "alg": "ES256", "typ": "JWT" } with blanks.
    [InlineData("eyAiYWxnIjogIkVTMjU2IiwgInR5cCI6ICJKV1QiIH0")]
    public void Finds_a_token_whose_header_is_an_object(string header)
    {
        string token = header + "." + Payload + "." + Signature;
        Assert.Contains(All.Scan("jwt: " + token), m => m.Detector.Id == "jwt" && m.Value == token);
    }

    [Theory]
    // {"alg":"HS384","typ":"JWT" cut before its closing brace.
    [InlineData("eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCI")]
    // Bytes that only open with {" and close with }: no member name.
    [InlineData("eyJ4tx6TxPoCjX9R4ZoFzBHTiKl7kH0")]
    [InlineData("eyJ6cYGf7hIHo9RVnosBwvczZpmrfQ")]
    public void Leaves_a_token_with_a_corrupt_header(string header)
    {
        string text = header + "." + Payload + "." + Signature;
        var matches = All.Scan(text);
        Assert.True(matches.Count == 0, $"'{text}' matched {string.Join(", ", matches.Select(m => $"{m.Detector.Id}='{m.Value}'"))}");
        Assert.Equal(text, SecretText.Mask(text));
    }
}
