using Codex.Plugins.Masking;
using Codex.Plugins.Masking.Detection;

namespace Codex.Plugins.Tests.Masking;

/// <summary>
/// Secrets typed with template punctuation (braces, brackets, $ and #) under a name that says secret, the shapes
/// detect-secrets' keyword tests label (our own values): found whole, while a real template expression ({{ x }},
/// ${VAR}) stays a placeholder. Each positive failed before the template rule was narrowed (issue 13).
/// </summary>
public sealed class PunctuationValueShapesTests
{
    private static readonly SecretScanner All = new(SecretScanOptions.SecretsAndPersonalData);

    private const string Braced = "{{r}a)v${n]ko(ti[wel>-_$#quartz}}";

    [Theory]
    // Nested braces, $ and # inside: a password, not a template.
    [InlineData("password-assignment", "db_password = " + Braced, Braced)]
    [InlineData("password-assignment", "the_passwd='" + Braced + "'", Braced)]
    // The whole quoted value, or the rest of the line, under a secret name and any operator (= : := =>).
    [InlineData("generic-secret-assignment", "signing_secret = \"" + Braced + "\"", Braced)]
    [InlineData("generic-secret-assignment", "apikey := '" + Braced + "'", Braced)]
    [InlineData("generic-secret-assignment", "apiKey:" + Braced, Braced)]
    [InlineData("generic-secret-assignment", "\"vault_token\": \"" + Braced + "\"", Braced)]
    [InlineData("generic-secret-assignment", "deploy_token = Zq8#Lw{2}Vk7[Xm]4Pt9", "Zq8#Lw{2}Vk7[Xm]4Pt9")]
    // A key that closes an index, an array key, a verbatim string.
    [InlineData("generic-secret-assignment", "settings[\"secret\"] = \"" + Braced + "\"", Braced)]
    [InlineData("generic-secret-assignment", "opts['client_secret'] = Hq3Zr8Lw2Vk7Xm4Pt9Cn1", "Hq3Zr8Lw2Vk7Xm4Pt9Cn1")]
    [InlineData("generic-secret-assignment", "signingKey[] = \"Wm4Qz8Rk2Lp7Xv3Tn9Bc5\"", "Wm4Qz8Rk2Lp7Xv3Tn9Bc5")]
    [InlineData("generic-secret-assignment", "NSString *apiKey = @\"Rk7Vw2Qz9Lm4Xp8Tc3Nb6\";", "Rk7Vw2Qz9Lm4Xp8Tc3Nb6")]
    public void Finds_the_value(string detector, string text, string secret)
    {
        var matches = All.Scan(text);
        Assert.True(matches.Any(m => m.Detector.Id == detector && m.Value == secret),
            $"'{text}' gave {string.Join(", ", matches.Select(m => $"{m.Detector.Id}='{m.Value}'"))}");
    }

    [Theory]
    // Template expressions: identifier paths, filters, quotes, $ variables inside one pair of braces.
    [InlineData("password: {{.Values.db.password}}")]
    [InlineData("password: {{$.Values.db.password}}")]
    [InlineData("api_key = \"{{secrets.VENDOR_KEY|default('none')}}\"")]
    [InlineData("client_secret: \"${{ secrets.CLIENT_SECRET }}\"")]
    [InlineData("deploy_token = \"${DEPLOY_TOKEN:-unset}\"")]
    [InlineData("signing_secret = {SIGNING_SECRET}")]
    [InlineData("password: ${link}")]
    // Code that reads the secret from elsewhere, even with an index or a call.
    [InlineData("api_secret = os.environ[\"API_SECRET_VALUE\"]")]
    [InlineData("deploy_token = config.tokens[\"deploy\"]")]
    [InlineData("apiKey: this.apiKey,")]
    public void Leaves_the_template_alone(string text)
    {
        var matches = All.Scan(text);
        Assert.True(matches.Count == 0, $"'{text}' matched {string.Join(", ", matches.Select(m => $"{m.Detector.Id}='{m.Value}'"))}");
        Assert.Equal(text, SecretText.Mask(text));
    }

    [Theory]
    [InlineData("{{ .Values.token }}", true)]
    [InlineData("{{ $.Values.token | quote }}", true)]
    [InlineData("${VAR}", true)]
    [InlineData("{API_KEY}", true)]
    [InlineData(Braced, false)]
    [InlineData("{{a}b}}", false)]
    [InlineData("x${a#b}y", false)]
    public void Template_rule_takes_only_a_plausible_expression(string value, bool placeholder) =>
        Assert.Equal(placeholder, Placeholders.IsStrictPlaceholder(value));
}
