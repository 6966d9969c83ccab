using Codex.Plugins.Masking;
using Codex.Plugins.Masking.Detection;

namespace Codex.Plugins.Tests.Masking;

/// <summary>
/// A credential name and a quoted value with no operator between them (apikey "…";, private_key'…';), the shape
/// detect-secrets' keyword tests label, with our own values: found when the value fills its matching quotes and is
/// long and random; prose, quoted names and short or mismatched values stay (issue 13). Each positive failed before.
/// </summary>
public sealed class BareQuotedValueShapesTests
{
    private static readonly SecretScanner All = new(SecretScanOptions.SecretsAndPersonalData);

    private const string Braced = "{{q}u)a${r]tz(li[mes>-_$#harbor}}";

    [Theory]
    [InlineData("apikey \"" + Braced + "\";", Braced)]
    [InlineData("barapikeybar \"" + Braced + "\";", Braced)]
    [InlineData("barapikeybar\"" + Braced + "\";", Braced)]
    [InlineData("private_key '" + Braced + "';", Braced)]
    [InlineData("myprivate_key'" + Braced + "';", Braced)]
    [InlineData("access_key \"Hq3Zr8Lw2Vk7Xm4Pt9Cn1\"", "Hq3Zr8Lw2Vk7Xm4Pt9Cn1")]
    [InlineData("setenv VENDOR_APIKEY 'Wm4Qz8Rk2Lp7Xv3Tn9Bc5'", "Wm4Qz8Rk2Lp7Xv3Tn9Bc5")]
    public void Finds_the_quoted_value(string text, string secret)
    {
        var matches = All.Scan(text);
        Assert.True(matches.Any(m => m.Detector.Id == "generic-secret-assignment" && m.Value == secret),
            $"'{text}' gave {string.Join(", ", matches.Select(m => $"{m.Detector.Id}='{m.Value}'"))}");
    }

    [Theory]
    // Prose: words in quotes after the name.
    [InlineData("the password \"is wrong\"")]
    [InlineData("the secret \"is out\" now")]
    [InlineData("your api key \"expired\" yesterday")]
    // Empty, short, fake and mismatched quotes.
    [InlineData("private_key \"\";")]
    [InlineData("private_key \"demo\";")]
    [InlineData("private_key \"Zq8vT3kL9mWx4Rp7Hc2';")]
    [InlineData("private_key 'Zq8vT3kL9mWx4Rp7Hc2\";")]
    // Names quoted after a name (Terraform, HCL), identifiers, and a template.
    [InlineData("resource \"aws_secretsmanager_secret\" \"billing_service_secret\" {")]
    [InlineData("data \"vault_generic_secret\" \"deploy_credentials.primary\" {}")]
    [InlineData("resource \"azurerm_key_vault_secret\" \"BillingServiceSecret\" {")]
    [InlineData("public static final String apiKey \"VendorApiKeyHeader\";")]
    // Short values: with no operator a name is not enough.
    [InlineData("api_key \"Zq8vT3kL9m\"")]
    [InlineData("apikey \"{{ .Values.vendor.apiKey }}\";")]
    [InlineData("access_key \"${ACCESS_KEY}\"")]
    public void Leaves_prose_and_names_alone(string text)
    {
        var matches = All.Scan(text);
        Assert.True(matches.Count == 0, $"'{text}' matched {string.Join(", ", matches.Select(m => $"{m.Detector.Id}='{m.Value}'"))}");
        Assert.Equal(text, SecretText.Mask(text));
    }
}
