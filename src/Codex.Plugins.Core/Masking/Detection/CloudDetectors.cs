using System.Text.RegularExpressions;
using static Codex.Plugins.Masking.Detection.DetectorShapes;

namespace Codex.Plugins.Masking.Detection;

/// <summary>Cloud and platform keys: AWS (with Bedrock), GCP, Azure, Databricks, DigitalOcean, Alibaba, Cloudflare, Vault, Tailscale, Vercel, MongoDB Atlas, Heroku.</summary>
internal static class CloudDetectors
{
    public static IEnumerable<SecretDetector> All() => new SecretDetector[]
    {
        new()
        {
            Id = "aws-access-key-id", Kind = "AWS_ACCESS_KEY_ID", Keywords = new[] { "AKIA", "ASIA", "ABIA", "ACCA", "A3T" },
            Pattern = R(Start + @"(?<secret>(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})" + End), Stopwords = new[] { "EXAMPLE" }, MinEntropy = 3.0,
            // The 16 characters after the prefix are random base32 today ([A-Z2-7]); keys issued earlier, and those the
            // scanners' suites carry, also hold 0, 1, 8 and 9. ABCDEFGHIJKLMNOP is a sample typed along the alphabet.
            Validator = v => !Placeholders.IsMostlyAlphabetRuns(v[4..]),
            KeepPrefixes = new[] { "AKIA", "ASIA", "ABIA", "ACCA" },
        },
        new()
        {
            Reach = (16, 160), Id = "aws-secret-access-key", Kind = "AWS_SECRET_ACCESS_KEY", Keywords = new[] { "aws" }, Priority = 40,
            Pattern = R(@"(?i)aws[\w.\-]{0,30}?(?:secret|key|pwd|pw|password|pass|token)[\w.\-]{0,20}[""']?\s*(?:[:=]|=>|:=)\s*[""']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"),
            Stopwords = new[] { "EXAMPLE" }, MinEntropy = 3.0,
        },
        // Bedrock API keys: long-term ones are ABSK + base64 of "BedrockAPIKey-…", short-term ones the prefix
        // bedrock-api-key- + base64 of a presigned bedrock.amazonaws.com URL.
        Token("aws-bedrock-api-key", "AWS_BEDROCK_API_KEY", Start + @"(?<secret>ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{40,400}={0,2})(?![A-Za-z0-9+/=])", "ABSK"),
        Token("aws-bedrock-short-term-key", "AWS_BEDROCK_API_KEY", Start + @"(?<secret>bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/]{40,2000}={0,2})(?![A-Za-z0-9+/=])", "bedrock-api-key-"),
        new()
        {
            Reach = (16, 80), Id = "aws-account-id", Kind = "AWS_ACCOUNT_ID", Keywords = new[] { "account" }, Confidence = FindingConfidence.Low, Priority = 45,
            Pattern = R(@"(?i)aws_?account_?id[""']?\s*(?:[:=]|=>)\s*[""']?(?<secret>\d{4}-?\d{4}-?\d{4})(?!\d)"),
        },
        // A real key's 35 characters are random: below 4 bits per character it is a sample (AIzaaaa…); the Firebase SDK's
        // published example keys are samples too.
        Token("gcp-api-key", "GCP_API_KEY", Start + @"(?<secret>AIza[\w\-]{35})" + End, "AIza") with { MinEntropy = 4.0, Validator = v => !PublishedSamples.IsFirebaseExampleKey(v) },
        new()
        {
            Reach = (16, 80), Id = "gcp-service-account-key-id", Kind = "GCP_SERVICE_ACCOUNT", Keywords = new[] { "private_key_id" }, Confidence = FindingConfidence.Medium,
            Pattern = R(@"""private_key_id""\s*:\s*""(?<secret>[a-f0-9]{40})"""),
        },
        Token("google-oauth-access-token", "GOOGLE_OAUTH_TOKEN", Start + @"(?<secret>ya29\.[0-9A-Za-z_\-]{20,1024})" + End, "ya29.") with { MinEntropy = 3.5 },
        Token("google-oauth-refresh-token", "GOOGLE_OAUTH_TOKEN", @"(?<![\w/])(?<secret>1//0[0-9A-Za-z_\-]{40,512})" + End, "1//0") with { MinEntropy = 3.5 },
        Token("google-oauth-client-secret", "GOOGLE_OAUTH_SECRET", Start + @"(?<secret>GOCSPX-[\w\-]{28})" + End, "GOCSPX-"),
        new()
        {
            Reach = (16, 48), Id = "azure-ad-client-secret", Kind = "AZURE_CLIENT_SECRET", Keywords = new[] { "Q~" },
            Pattern = R(@"(?<![A-Za-z0-9_~.\-])(?<secret>[a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.\-]{31,34})(?![A-Za-z0-9_~.\-])"),
        },
        new()
        {
            Reach = (16, 200), Id = "azure-client-secret-assignment", Kind = "AZURE_CLIENT_SECRET", Keywords = new[] { "azure" }, Priority = 40, Confidence = FindingConfidence.Medium,
            Pattern = R(@"(?i)azure[\w.\-]{0,20}?(?:client)?[\w.\-]{0,3}?(?:secret|password)[\w]{0,10}[""']?\s*(?:[:=]|:=|=>)\s*[""']?(?<secret>[A-Za-z0-9_~.+/=\-]{32,88})(?![A-Za-z0-9_~.+/=\-])"),
            MinEntropy = 3.0,
        },
        new()
        {
            // Identifiers rather than secrets, but secretlint reports them and they locate an organisation. Microsoft's
            // own published tenants and documentation GUIDs made of repeated digits (00001111-aaaa-…) are not masked.
            Reach = (16, 120), Id = "azure-identifier", Kind = "AZURE_ID", Keywords = new[] { "tenant", "client" }, Priority = 45, Confidence = FindingConfidence.Low,
            Pattern = R(@"(?i)(?:ad|azure|aad|arm)_?(?:tenant|client)_?id[""']?\s*(?:[:=]|=>)\s*[""']?(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"),
            Validator = v => !PublishedAzureTenants.Contains(v) && !Placeholders.IsDocumentationGuid(v),
        },
        new()
        {
            // Storage account keys, and the shared access keys of Service Bus, Event Hubs, IoT Hub and Relay: the
            // connection string's key name says what the base64 after it is, whatever its length.
            Id = "azure-storage-key", Kind = "AZURE_STORAGE_KEY", Keywords = new[] { "AccountKey", "SharedAccessKey", "SharedSecretValue" }, MinEntropy = 3.5,
            Pattern = R(@"(?i)(?<![A-Za-z])(?:AccountKey|SharedAccessKey|SharedSecretValue)\s*=\s*[""']?(?<secret>[A-Za-z0-9+/]{20,}={0,2})(?![A-Za-z0-9+/=])"),
        },
        new()
        {
            Id = "azure-sas-token", Kind = "AZURE_SAS", Keywords = new[] { "sig=" }, Priority = 60,
            Pattern = R(@"(?i)[?&;]sig=(?<secret>[A-Za-z0-9%+/]{30,}(?:=|%3D){0,2})"),
        },
        Token("databricks-token", "DATABRICKS_TOKEN", Start + @"(?<secret>dapi[a-fA-F0-9]{32}(?:-\d)?)" + End, "dapi"),
        Token("digitalocean-token", "DIGITALOCEAN_TOKEN", Start + @"(?<secret>do[opr]_v1_[a-f0-9]{64})" + End, "dop_v1_", "doo_v1_", "dor_v1_"),
        Token("alibaba-access-key-id", "ALIBABA_ACCESS_KEY", Start + @"(?<secret>LTAI[A-Za-z0-9]{20})" + End, "LTAI"),
        Token("cloudflare-api-token", "CLOUDFLARE_TOKEN", Start + @"(?<secret>cf(?:at|ut|k)_[A-Za-z0-9]{48})" + End, "cfat_", "cfut_", "cfk_"),
        Token("hashicorp-vault-token", "VAULT_TOKEN", Start + @"(?<secret>hv[sbr]\.[A-Za-z0-9_\-]{24,})" + End, "hvs.", "hvb.", "hvr."),
        Token("tailscale-key", "TAILSCALE_KEY", @"(?<![A-Za-z])(?<secret>tskey-[a-z]+-[A-Za-z0-9]{6,}-[A-Za-z0-9]{16,})" + End, "tskey-"),
        Token("vercel-token", "VERCEL_TOKEN", Start + @"(?<secret>vc[pikra]_[A-Za-z0-9]{24,})" + End, "vcp_", "vci_", "vck_", "vcr_", "vca_"),
        Token("mongodb-atlas-service-account-secret", "MONGODB_ATLAS_SECRET", Start + @"(?<secret>mdb_sa_sk_[A-Za-z0-9_\-]{32,64})" + End, "mdb_sa_sk_") with { MinEntropy = 3.5 },
        Token("heroku-api-key", "HEROKU_API_KEY", Start + @"(?<secret>HRKU-AA[0-9a-zA-Z_\-]{58})" + End, "HRKU-"),
    };

    // Microsoft's corporate tenant and the consumer (MSA) tenant: printed in Microsoft's documentation and samples.
    private static readonly HashSet<string> PublishedAzureTenants = new(StringComparer.OrdinalIgnoreCase)
    {
        "72f988bf-86f1-41af-91ab-2d7cd011db47", "9188040d-6c67-4c5b-b112-36a304b66dad",
    };
}
