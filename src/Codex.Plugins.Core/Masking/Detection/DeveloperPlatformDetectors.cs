using System.Text.RegularExpressions;
using static Codex.Plugins.Masking.Detection.DetectorShapes;

namespace Codex.Plugins.Masking.Detection;

/// <summary>
/// Developer platforms and services whose tokens carry a prefix of their own (Sourcegraph, Fly.io, CAST AI, ClickHouse
/// Cloud, SonarQube, JFrog Artifactory, MaxMind, Cloudflare Origin CA, age, Facebook, Claude Code session
/// links, 1Password Secret Keys), and those known only by the service's name before them (Sumo Logic, Sidekiq,
/// Heroku's legacy keys, Okta, SonarQube and Cloudflare keys without a prefix).
/// Shapes follow the providers' documentation and gitleaks' rules.
/// </summary>
internal static class DeveloperPlatformDetectors
{
    public static IEnumerable<SecretDetector> All() => new SecretDetector[]
    {
        Token("sourcegraph-token", "SOURCEGRAPH_TOKEN", Start + @"(?<secret>sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40})" + End, "sgp_"),
        Token("flyio-token", "FLYIO_TOKEN", Start + @"(?<secret>(?:fo1_[\w\-]{43}|fm[12][ar]?_[A-Za-z0-9+/]{100,}={0,3}))(?![A-Za-z0-9+/=])", "fo1_", "fm1_", "fm2_", "fm1a_", "fm2a_", "fm1r_", "fm2r_") with { MinEntropy = 3.5 },
        Token("castai-api-key", "CASTAI_API_KEY", Start + @"(?<secret>castai_v1_[a-f0-9]{64}_[a-f0-9]{8})" + End, "castai_v1_"),
        Token("clickhouse-cloud-secret", "CLICKHOUSE_SECRET", Start + @"(?<secret>4b1d[A-Za-z0-9]{38})" + End, "4b1d") with { MinEntropy = 3.5, OwnedPrefixes = Array.Empty<string>() },
        Token("sonarqube-token", "SONAR_TOKEN", Start + @"(?<secret>sq[uap]_[A-Za-z0-9]{40})" + End, "squ_", "sqp_", "sqa_"),
        Token("artifactory-api-key", "ARTIFACTORY_TOKEN", Start + @"(?<secret>AKCp[A-Za-z0-9]{69}|cmVmdGtu[A-Za-z0-9]{56})" + End, "AKCp", "cmVmdGtu") with { MinEntropy = 4.0 },
        Token("maxmind-license-key", "MAXMIND_KEY", Start + @"(?<secret>[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk)" + End, "_mmk") with { KeepPrefixes = Array.Empty<string>() },
        Token("cloudflare-origin-ca-key", "CLOUDFLARE_TOKEN", Start + @"(?<secret>v1\.0-[a-f0-9]{24}-[a-f0-9]{146})" + End, "v1.0-") with { OwnedPrefixes = Array.Empty<string>() },
        Token("age-secret-key", "AGE_SECRET_KEY", @"(?<secret>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})" + End, "AGE-SECRET-KEY-1"),
        Token("facebook-access-token", "FACEBOOK_TOKEN", Start + @"(?<secret>EAA[MC][A-Za-z0-9]{80,})" + End, "EAAM", "EAAC") with { MinEntropy = 4.0 },
        new()
        {
            // A token under SonarQube's own names (sonar.login, SONAR_TOKEN), with or without the squ_/sqp_/sqa_ prefix.
            Reach = (16, 120), Id = "sonarqube-token-assignment", Kind = "SONAR_TOKEN", Keywords = new[] { "sonar" }, Confidence = FindingConfidence.Medium, Priority = 40,
            Pattern = R(@"(?i)sonar[_.\-]?(?:login|token)[""']?\s*(?:=|:{1,3}=|\?=|:|=>)\s*[""']?(?<secret>(?:sq[uap]_)?[A-Za-z0-9]{40})(?![A-Za-z0-9])"), MinEntropy = 3.0,
        },
        new()
        {
            // The global API key (37 hex digits) and API tokens (40 characters) carry no prefix: the Cloudflare name says.
            Reach = (16, 120), Id = "cloudflare-api-key-assignment", Kind = "CLOUDFLARE_TOKEN", Keywords = new[] { "cloudflare" }, Confidence = FindingConfidence.Medium, Priority = 40,
            Pattern = R(@"(?i)cloudflare[\w.\-]{0,20}[""']?\s*(?:[:=]|=>)\s*[""']?(?<secret>[a-f0-9]{37}|[A-Za-z0-9_\-]{40})(?![A-Za-z0-9_\-])"), MinEntropy = 3.5,
        },
        new()
        {
            // A 1Password account's Secret Key (A3-XXXXXX-…): with the account password it opens the vaults.
            Reach = (16, 48), Id = "onepassword-secret-key", Kind = "ONEPASSWORD_TOKEN", Keywords = new[] { "A3-" }, KeepPrefixes = new[] { "A3-" },
            Pattern = R(@"(?<![A-Za-z0-9\-])(?<secret>A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})(?![A-Za-z0-9\-])"),
        },
        new()
        {
            // An app access token is the app id, a pipe and the app secret's signature: only the name says whose.
            Reach = (16, 120), Id = "facebook-app-token", Kind = "FACEBOOK_TOKEN", Keywords = new[] { "facebook" }, Confidence = FindingConfidence.Medium,
            Pattern = R(@"(?is)facebook.{0,40}?(?<![\d])\d{15,16}\|(?<secret>[0-9A-Za-z_\-]{27})(?![0-9A-Za-z_\-])"), MinEntropy = 3.5,
        },
        new()
        {
            // A link to a Claude Code web session opens the session, its transcript and its repository to whoever has it.
            Reach = (16, 80), Id = "claude-code-session-link", Kind = "SESSION_LINK", Keywords = new[] { "claude.ai/code/session_" },
            Pattern = R(@"(?i)claude\.ai/code/(?<secret>session_[A-Za-z0-9]{20,40})(?![A-Za-z0-9])"),
        },
        new()
        {
            Reach = (16, 120), Id = "sumologic-access-id", Kind = "SUMOLOGIC_KEY", Keywords = new[] { "sumo" }, Confidence = FindingConfidence.Medium,
            Pattern = R(@"(?i)sumo(?:logic)?[\w.\-]{0,20}?access[\w.\-]{0,5}?id[""']?\s*(?:[:=]|=>)\s*[""']?(?<secret>su[A-Za-z0-9]{12})(?![A-Za-z0-9])"), MinEntropy = 3.0,
        },
        new()
        {
            Reach = (16, 120), Id = "sumologic-access-key", Kind = "SUMOLOGIC_KEY", Keywords = new[] { "sumo" }, Confidence = FindingConfidence.Medium, Priority = 40,
            Pattern = R(@"(?i)sumo(?:logic)?[\w.\-]{0,20}?(?:access[\w.\-]{0,5}?key|secret)[""']?\s*(?:[:=]|=>)\s*[""']?(?<secret>[A-Za-z0-9]{64})(?![A-Za-z0-9])"), MinEntropy = 3.5,
        },
        new()
        {
            // Bundler's credential for Sidekiq Enterprise and Pro gem servers: user:password in an environment variable.
            Reach = (16, 80), Id = "sidekiq-credential", Kind = "SIDEKIQ_SECRET", Keywords = new[] { "contribsys" },
            Pattern = R(@"(?i)BUNDLE_(?:ENTERPRISE|GEMS)__CONTRIBSYS__COM[""']?\s*(?:[:=])\s*[""']?(?<secret>[a-f0-9]{8}:[a-f0-9]{8})(?![a-f0-9])"),
        },
        new()
        {
            // Heroku's legacy API keys are bare UUIDs: a UUID is a key only where the Heroku name says so.
            Reach = (16, 120), Id = "heroku-legacy-api-key", Kind = "HEROKU_API_KEY", Keywords = new[] { "heroku" }, Confidence = FindingConfidence.Medium, Priority = 40,
            Pattern = R(@"(?i)heroku[\w.\-]{0,20}?(?:key|token|secret|password)[\w.\-]{0,10}[""']?\s*(?:[:=]|:=|=>)\s*[""']?(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![0-9a-f])"),
            Validator = v => !Placeholders.IsDocumentationGuid(v),
        },
        new()
        {
            Reach = (16, 120), Id = "okta-api-token", Kind = "OKTA_TOKEN", Keywords = new[] { "okta" }, Confidence = FindingConfidence.Medium, Priority = 40,
            Pattern = R(@"(?i)okta[\w.\- ]{0,20}?(?:token|key|secret)[\w.\-]{0,10}[""']?\s*(?:[:=]|=>|-)\s*[""']?(?<secret>00[A-Za-z0-9_\-]{40})(?![A-Za-z0-9_\-])"), MinEntropy = 3.5,
        },
    };
}
