using System.Text.RegularExpressions;

namespace Codex.Plugins.Masking.Detection;

/// <summary>
/// Every detector the engine knows, as data. Patterns follow the published rules of gitleaks, secretlint,
/// detect-secrets and presidio (see ../shared/reference/masking-and-peers.md); the secretlint rule snapshots and the
/// labelled corpus in the tests hold them to account. Group <c>secret</c> marks what is masked, so a URL keeps its
/// scheme, user and host and a header keeps its name.
/// </summary>
public static class DetectorCatalog
{
    // Interpreted: the scanner compiles the patterns that turn out to be busy (SecretDetector.CompiledPattern).
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    // A token boundary that, unlike \b, treats _ and - as part of the token (so "mydapi…" and "xtskey-…" do not match).
    private const string Start = @"(?<![A-Za-z0-9_\-])";

    // For prefixes no word ends in: a token may follow _ or - (an identifier that embeds it) but not a letter or digit.
    private const string GluedStart = @"(?<![A-Za-z0-9])";
    private const string End = @"(?![A-Za-z0-9_\-])";

    private static Regex R(string pattern) => new(pattern, Options);

    private static SecretDetector Token(string id, string kind, string pattern, params string[] prefixes) => new()
    {
        Id = id,
        Kind = kind,
        Keywords = prefixes,
        KeepPrefixes = prefixes,
        OwnedPrefixes = prefixes.Where(p => !SharedPrefixes.Contains(p)).ToArray(),
        Pattern = R(pattern),
    };

    // Prefixes several providers issue (sk- is OpenAI's, DeepSeek's, Moonshot's…): no one detector owns them.
    private static readonly string[] SharedPrefixes = { "sk-" };

    /// <summary>All detectors, provider-specific first (they win overlaps against the generic ones).</summary>
    public static IReadOnlyList<SecretDetector> All { get; } = Build();

    public static SecretDetector? Find(string id) => All.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase));

    private static List<SecretDetector> Build()
    {
        var list = new List<SecretDetector>
        {
            // Private keys and structured secrets: the whole block goes.
            new()
            {
                Reach = (128, 16500), Id = "private-key", Kind = "PRIVATE_KEY", Priority = 1, Keywords = new[] { "PRIVATE KEY" },
                Pattern = R(@"-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]{1,16000}?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----?"),
                Validator = Validators.IsPemKeyBody, KeepPrefixes = new[] { "-----BEGIN" },
            },
            new()
            {
                Reach = (64, 6000), Id = "putty-private-key", Kind = "PRIVATE_KEY", Priority = 1, Keywords = new[] { "PuTTY-User-Key-File" },
                Pattern = R(@"PuTTY-User-Key-File-\d+:[^\n]*\n(?:[^\n]*\n){0,6}?Private-Lines: \d+\r?\n(?<secret>(?:[A-Za-z0-9+/=]{1,64}\r?\n){1,64})"),
            },
            new()
            {
                // A private key without its PEM armour: base64 DER that opens as PKCS#1, PKCS#8 or SEC1 key structures do
                // (a SEQUENCE whose first element is the version INTEGER), which certificates and public keys never do.
                Reach = (16, 16500), Id = "private-key-der", Kind = "PRIVATE_KEY", Priority = 2, Keywords = new[] { "MII", "MHcCAQEE" },
                Pattern = R(@"(?<![A-Za-z0-9+/])(?<secret>(?:MII|MHcCAQEE)[A-Za-z0-9+/]{60,16000}={0,2})(?![A-Za-z0-9+/=])"),
                Validator = Validators.IsDerPrivateKey, MinEntropy = 4.0,
            },
            new()
            {
                Reach = (8000, 8000), Id = "kubernetes-secret", Kind = "KUBERNETES_SECRET", Priority = 2, Keywords = new[] { "kind: Secret", "kind: \"Secret\"" },
                Pattern = R(@"(?m)^kind:[ \t]*""?Secret""?[ \t]*\r?$[\s\S]{0,4000}?^(?:data|stringData):[ \t]*\r?\n(?<block>(?:[ \t]+[^\n]*\n?){1,500})|^(?:data|stringData):[ \t]*\r?\n(?<block>(?:[ \t]+[^\n]*\n?){1,500})(?=[\s\S]{0,4000}?^kind:[ \t]*""?Secret""?[ \t]*\r?$)"),
                SpanSelector = KubernetesSecretValues,
            },
            new()
            {
                Reach = (16, 8192), Id = "jwt", Kind = "JWT", Priority = 5, Keywords = new[] { "eyJ", "eyA" },
                Pattern = R(Start + @"(?<secret>ey[JA][A-Za-z0-9_-]{10,}={0,2}\.ey[JA][A-Za-z0-9_-]{10,}={0,2}(?:\.[A-Za-z0-9_-]{10,}={0,2})?)" + End),
                Validator = Validators.IsJwt, KeepPrefixes = new[] { "eyJ" },
            },

            // Cloud.
            new()
            {
                Id = "aws-access-key-id", Kind = "AWS_ACCESS_KEY_ID", Keywords = new[] { "AKIA", "ASIA", "ABIA", "ACCA", "A3T" },
                Pattern = R(Start + @"(?<secret>(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})" + End), Stopwords = new[] { "EXAMPLE" },
                KeepPrefixes = new[] { "AKIA", "ASIA", "ABIA", "ACCA" },
            },
            new()
            {
                Reach = (16, 160), Id = "aws-secret-access-key", Kind = "AWS_SECRET_ACCESS_KEY", Keywords = new[] { "aws" }, Priority = 40,
                Pattern = R(@"(?i)aws[\w.\-]{0,30}?(?:secret|key|pwd|pw|password|pass|token)[\w.\-]{0,20}[""']?\s*(?:[:=]|=>|:=)\s*[""']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"),
                Stopwords = new[] { "EXAMPLE" }, MinEntropy = 3.0,
            },
            new()
            {
                Reach = (16, 80), Id = "aws-account-id", Kind = "AWS_ACCOUNT_ID", Keywords = new[] { "account" }, Confidence = FindingConfidence.Low, Priority = 45,
                Pattern = R(@"(?i)aws_?account_?id[""']?\s*(?:[:=]|=>)\s*[""']?(?<secret>\d{4}-?\d{4}-?\d{4})(?!\d)"),
            },
            // A real key's 35 characters are random: below 4 bits per character it is a sample (AIzaaaa…).
            Token("gcp-api-key", "GCP_API_KEY", Start + @"(?<secret>AIza[\w\-]{35})" + End, "AIza") with { MinEntropy = 4.0 },
            new()
            {
                Reach = (16, 80), Id = "gcp-service-account-key-id", Kind = "GCP_SERVICE_ACCOUNT", Keywords = new[] { "private_key_id" }, Confidence = FindingConfidence.Medium,
                Pattern = R(@"""private_key_id""\s*:\s*""(?<secret>[a-f0-9]{40})"""),
            },
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
                Reach = (16, 120), Id = "azure-identifier", Kind = "AZURE_ID", Keywords = new[] { "tenant", "client" }, Priority = 45, Confidence = FindingConfidence.Low,
                Pattern = R(@"(?i)(?:ad|azure|aad|arm)_?(?:tenant|client)_?id[""']?\s*(?:[:=]|=>)\s*[""']?(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"),
            },
            new()
            {
                Id = "azure-storage-key", Kind = "AZURE_STORAGE_KEY", Keywords = new[] { "AccountKey" },
                Pattern = R(@"(?i)AccountKey\s*=\s*[""']?(?<secret>[A-Za-z0-9+/]{86}==)"),
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
            Token("heroku-api-key", "HEROKU_API_KEY", Start + @"(?<secret>HRKU-AA[0-9a-zA-Z_\-]{58})" + End, "HRKU-"),

            // Source control and package registries. GitHub's prefixes are distinctive enough to find glued to a word
            // (a tool named lookup-ghp_..., mcp__gh__ghp_...), so only a letter or digit before them keeps them out.
            Token("github-pat", "GITHUB_TOKEN", GluedStart + @"(?<secret>ghp_[0-9a-zA-Z]{36})" + End, "ghp_"),
            Token("github-oauth", "GITHUB_TOKEN", GluedStart + @"(?<secret>gho_[0-9a-zA-Z]{36})" + End, "gho_"),
            Token("github-app-token", "GITHUB_TOKEN", GluedStart + @"(?<secret>(?:ghu|ghs)_(?:[0-9a-zA-Z]{36}|\d+_[A-Za-z0-9._\-]{20,}))" + End, "ghu_", "ghs_"),
            Token("github-refresh-token", "GITHUB_TOKEN", GluedStart + @"(?<secret>ghr_[0-9a-zA-Z]{36,76})" + End, "ghr_"),
            Token("github-fine-grained-pat", "GITHUB_TOKEN", GluedStart + @"(?<secret>github_pat_\w{82})" + End, "github_pat_"),
            new()
            {
                Reach = (80, 32), Id = "github-token-in-url", Kind = "GITHUB_TOKEN", Keywords = new[] { "x-oauth-basic" }, Priority = 60,
                Pattern = R(@"://(?<secret>[A-Za-z0-9_]{20,}):x-oauth-basic@"),
            },
            // Every prefix of GitLab's token list (docs.gitlab.com security/tokens), routable tokens with their
            // .<2+7> suffix included; random bodies, so little entropy means a sample (GR1348941 + 123123…).
            Token("gitlab-token", "GITLAB_TOKEN", Start + @"(?<secret>(?:glpat|gldt|glrt|glptt|glcbt|glft|glffct|gloas|glsoat|glimt|glagent|gltst|glwt)-[\w\-]{20,300}(?:\.[0-9a-z]{9})?|GR1348941[\w\-]{20})" + End, "glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "glft-", "glffct-", "gloas-", "glsoat-", "glimt-", "glagent-", "gltst-", "glwt-", "GR1348941") with { MinEntropy = 3.0 },
            new()
            {
                Reach = (16, 48), Id = "gitlab-session-cookie", Kind = "GITLAB_TOKEN", Keywords = new[] { "_gitlab_session=" }, MinEntropy = 3.0,
                Pattern = R(@"_gitlab_session=(?<secret>[0-9a-z]{32})(?![0-9A-Za-z])"),
            },
            Token("bitbucket-app-password", "BITBUCKET_TOKEN", Start + @"(?<secret>ATBB[A-Za-z0-9_=.\-]{32})" + End, "ATBB"),
            Token("npm-token", "NPM_TOKEN", Start + @"(?<secret>npm_[A-Za-z0-9]{36})" + End, "npm_"),
            new()
            {
                Reach = (16, 300), Id = "npmrc-auth-token", Kind = "NPM_TOKEN", Keywords = new[] { "_authToken", "_auth", "_password" }, Priority = 60,
                Pattern = R(@"(?im)(?:^|:)(?:_authToken|_auth|_password)[ \t]*=[ \t]*""?(?<secret>[^\s""]{8,})"),
            },
            Token("pypi-token", "PYPI_TOKEN", Start + @"(?<secret>pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[\w\-]{50,1000})" + End, "pypi-"),
            new()
            {
                Reach = (40, 200), Id = "nuget-config-password", Kind = "NUGET_PASSWORD", Keywords = new[] { "Password" }, Priority = 60,
                Pattern = R(@"(?i)<add\s+key=""(?:ClearText)?Password""\s+value=""(?<secret>[^""]{4,})"""),
            },
            Token("rubygems-token", "RUBYGEMS_TOKEN", Start + @"(?<secret>rubygems_[a-f0-9]{48})" + End, "rubygems_"),
            Token("docker-pat", "DOCKER_TOKEN", Start + @"(?<secret>dckr_pat_[A-Za-z0-9_\-]{27,})" + End, "dckr_pat_"),

            // AI providers.
            // Owns no prefix: OpenAI keys without the T3BlbkFJ marker exist, and the sk- catch-all below takes them.
            Token("openai-api-key", "OPENAI_API_KEY", Start + @"(?<secret>sk-(?:(?:proj|svcacct|admin|service)-[A-Za-z0-9_\-]{16,}T3BlbkFJ[A-Za-z0-9_\-]{16,}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20,}))" + End, "sk-proj-", "sk-svcacct-", "sk-admin-", "sk-service-", "sk-") with { OwnedPrefixes = Array.Empty<string>() },
            new()
            {
                Id = "anthropic-api-key", Kind = "ANTHROPIC_API_KEY", Keywords = new[] { "sk-ant-" }, KeepPrefixes = new[] { "sk-ant-api03-", "sk-ant-api04-", "sk-ant-admin01-", "sk-ant-" },
                OwnedPrefixes = new[] { "sk-ant-" },
                Pattern = R(Start + @"(?<secret>sk-ant-(?:api|admin|oat|sid)\d{2}-[A-Za-z0-9_\-]{80,120}AA)" + End),
            },
            new()
            {
                // Newer and unknown OpenAI-style keys (and Codex's own sanitizer shape): any sk- token of high entropy.
                Id = "sk-api-key", Kind = "API_KEY", Keywords = new[] { "sk-" }, Priority = 60, Confidence = FindingConfidence.Medium,
                KeepPrefixes = new[] { "sk-proj-", "sk-ant-", "sk-" },
                Pattern = R(Start + @"(?<secret>sk-[A-Za-z0-9][A-Za-z0-9_\-]{23,250})" + End), MinEntropy = 3.2,
                Validator = v => v.Skip(3).Count(char.IsAsciiDigit) >= 2 || KnownOpenAiPrefixes.Any(p => v.StartsWith(p, StringComparison.Ordinal) && v.Length - p.Length >= 20),
            },
            Token("huggingface-token", "HUGGINGFACE_TOKEN", Start + @"(?<secret>(?:hf_|api_org_)[A-Za-z]{34})" + End, "hf_", "api_org_"),
            new()
            {
                Reach = (16, 120), Id = "cohere-api-key", Kind = "COHERE_API_KEY", Keywords = new[] { "cohere", "co_api" }, Priority = 40, Confidence = FindingConfidence.Medium,
                Pattern = R(@"(?i)(?:cohere|co_api)[\w.\-]{0,20}[""']?\s*(?:[:=]|=>)\s*[""']?(?<secret>[A-Za-z0-9]{40})(?![A-Za-z0-9])"),
                MinEntropy = 3.5,
            },
            Token("groq-api-key", "GROQ_API_KEY", @"(?<![A-Za-z0-9])(?<secret>gsk_[A-Za-z0-9]{52})(?![A-Za-z0-9])", "gsk_"),
            Token("perplexity-api-key", "PERPLEXITY_API_KEY", Start + @"(?<secret>pplx-[A-Za-z0-9]{48})" + End, "pplx-"),
            Token("xai-api-key", "XAI_API_KEY", Start + @"(?<secret>xai-[A-Za-z0-9]{80})" + End, "xai-"),
            Token("replicate-token", "REPLICATE_TOKEN", Start + @"(?<secret>r8_[A-Za-z0-9]{37})" + End, "r8_"),

            // Chat, webhooks and collaboration.
            // Bot, user and legacy tokens (digit groups), legacy workspace tokens (xoxa-2-…, xoxr-…), configuration
            // access and refresh tokens (xoxe.xoxp-1-…, xoxe-1-…), as Slack's token-types page lists them.
            Token("slack-token", "SLACK_TOKEN", Start + @"(?<secret>xox[abeoprs]-[0-9]{8,14}(?:-[A-Za-z0-9]{6,}){1,4}|xox[ar]-(?:\d-)?[0-9A-Za-z]{8,48}(?:-[0-9A-Za-z]{6,48}){0,4}|xoxe\.xox[bp]-\d-[A-Za-z0-9]{163,166}|xoxe-\d-[A-Za-z0-9]{146})" + End, "xoxb-", "xoxp-", "xoxa-", "xoxe-", "xoxo-", "xoxr-", "xoxs-", "xoxe.") with { MinEntropy = 3.0 },
            Token("slack-app-token", "SLACK_TOKEN", @"(?i)" + Start + @"(?<secret>xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+)" + End, "xapp-"),
            new()
            {
                Reach = (16, 200), Id = "slack-webhook", Kind = "SLACK_WEBHOOK", Keywords = new[] { "hooks.slack.com" }, KeepPrefixes = new[] { "T" },
                Pattern = R(@"hooks\.slack\.com/(?:services|workflows|triggers)/(?<secret>[A-Za-z0-9+/_]{8,}/[A-Za-z0-9+/_]{8,}(?:/[A-Za-z0-9+_]{8,})?)"),
            },
            new()
            {
                Reach = (16, 400), Id = "teams-webhook", Kind = "TEAMS_WEBHOOK", Keywords = new[] { "webhook.office.com", "logic.azure.com" },
                Pattern = R(@"(?i)(?:webhook\.office\.com/webhookb2|logic\.azure\.com:443/workflows)/(?<secret>[A-Za-z0-9@/\-]{30,}(?:\?[^\s""'<>]*)?)"),
            },
            new()
            {
                Reach = (16, 200), Id = "discord-webhook", Kind = "DISCORD_WEBHOOK", Keywords = new[] { "discord" },
                Pattern = R(@"(?i)discord(?:app)?\.com/api/webhooks/\d+/(?<secret>[\w\-]{60,70})"),
            },
            new()
            {
                Reach = (16, 140), Id = "discord-bot-token", Kind = "DISCORD_TOKEN", Keywords = new[] { "discord" }, Confidence = FindingConfidence.Medium,
                Pattern = R(@"(?is)discord.{0,40}?(?<secret>[MN][A-Za-z\d]{23,25}\.[\w\-]{6}\.[\w\-]{27,38})"),
            },
            new()
            {
                Reach = (16, 48), Id = "telegram-bot-token", Kind = "TELEGRAM_TOKEN", Keywords = new[] { ":AA" },
                Pattern = R(@"(?<![\w:])(?<secret>\d{8,10}:AA[A-Za-z0-9_\-]{33})" + End),
            },
            Token("linear-api-key", "LINEAR_API_KEY", Start + @"(?<secret>lin_api_[A-Za-z0-9]{40,48})" + End, "lin_api_"),
            Token("notion-token", "NOTION_TOKEN", @"(?<![A-Za-z0-9])(?<secret>ntn_\d{11}[A-Za-z0-9]{35})(?![A-Za-z0-9])", "ntn_"),
            Token("figma-token", "FIGMA_TOKEN", Start + @"(?<secret>figd_[A-Za-z0-9_\-]{40,})" + End, "figd_"),
            Token("grafana-token", "GRAFANA_TOKEN", Start + @"(?<secret>glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})(?![A-Za-z0-9_\-+/=])", "glc_", "glsa_"),
            new()
            {
                Reach = (16, 4096), Id = "onepassword-service-token", Kind = "ONEPASSWORD_TOKEN", Keywords = new[] { "ops_eyJ" }, KeepPrefixes = new[] { "ops_" },
                Pattern = R(Start + @"(?<secret>ops_eyJ[A-Za-z0-9+/=_\-]{100,})" + End), Validator = v => Validators.DecodesToJsonObject(v[4..]),
            },
            Token("sentry-token", "SENTRY_TOKEN", Start + @"(?<secret>sntrys_eyJ[A-Za-z0-9+/=_\-]{30,}|sntryu_[a-f0-9]{64})" + End, "sntrys_", "sntryu_"),
            Token("atlassian-api-token", "ATLASSIAN_TOKEN", Start + @"(?<secret>ATATT3[A-Za-z0-9_\-=]{180,})" + End, "ATATT3"),
            Token("shopify-token", "SHOPIFY_TOKEN", Start + @"(?<secret>shp(?:ss|at|ca|pa)_[A-Za-z0-9]{32,40})" + End, "shpss_", "shpat_", "shpca_", "shppa_"),

            // Payments, mail and messaging.
            Token("stripe-secret-key", "STRIPE_KEY", @"(?<![A-Za-z0-9])(?<secret>(?:sk|rk)_(?:test|live|prod)_[A-Za-z0-9]{24,99})" + End, "sk_live_", "sk_test_", "rk_live_", "rk_test_", "sk_prod_", "rk_prod_"),
            Token("stripe-webhook-secret", "STRIPE_KEY", Start + @"(?<secret>whsec_[A-Za-z0-9]{32,})" + End, "whsec_"),
            Token("square-token", "SQUARE_TOKEN", Start + @"(?<secret>(?:EAAA[A-Za-z0-9_\-]{60}|sq0atp-[A-Za-z0-9_\-]{22}|sq0csp-[A-Za-z0-9_\-]{43}))" + End, "EAAA", "sq0atp-", "sq0csp-"),
            Token("paypal-braintree-token", "PAYPAL_TOKEN", @"(?<secret>access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32})", "access_token$production$"),
            Token("sendgrid-api-key", "SENDGRID_API_KEY", @"(?<secret>SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43})", "SG."),
            new()
            {
                Id = "twilio-api-key", Kind = "TWILIO_KEY", Keywords = new[] { "SK" }, KeepPrefixes = new[] { "SK" },
                Pattern = R(@"(?<![A-Za-z0-9])(?<secret>SK[0-9a-f]{32})(?![A-Za-z0-9])"), MinEntropy = 3.0,
            },
            new()
            {
                Reach = (16, 48), Id = "mailgun-api-key", Kind = "MAILGUN_KEY", Keywords = new[] { "key-" }, KeepPrefixes = new[] { "key-" },
                Pattern = R(@"(?<![A-Za-z0-9_\-])(?<secret>key-[0-9a-f]{32})" + End), MinEntropy = 3.0,
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

            // Credentials inside URLs, connection strings, headers and commands: only the secret part is masked.
            new()
            {
                Reach = (160, 220), Id = "url-password", Kind = "URL_PASSWORD", Keywords = new[] { "://" }, Priority = 60,
                Pattern = R(@"(?i)(?<=(?<![a-z0-9+.\-])[a-z][a-z0-9+.\-]{1,20})://(?<user>[^\s:/?#@""'<>{}\[\]()]{1,128}):(?<secret>[^\s/?#""'<>{}]{4,200})@(?=[A-Za-z0-9\[\(.\-_])"),
                MatchValidator = m => !string.Equals(m.Groups["user"].Value, m.Groups["secret"].Value, StringComparison.Ordinal),
                Generic = true, Stopwords = new[] { "x-oauth-basic" },
            },
            new()
            {
                Reach = (40, 600), Id = "url-query-secret", Kind = "URL_SECRET", Keywords = new[] { "token=", "key=", "secret=", "password=", "passwd=", "pwd=", "auth=", "code=", "sig=", "signature=" }, Priority = 60,
                Pattern = R(@"(?i)[?&](?:access_token|refresh_token|id_token|token|api_key|apikey|api-key|key|client_secret|secret|password|passwd|pwd|auth|code|sig|signature|x-amz-signature|x-goog-signature)=(?<secret>[^&;\s#""'<>]{6,})"),
                Generic = true,
            },
            new()
            {
                Reach = (16, 160), Id = "connection-string-password", Kind = "CONNECTION_PASSWORD", Keywords = new[] { "password", "pwd" }, Priority = 60,
                Pattern = R(@"(?i)(?:^|[;\s""'(,])(?:password|pwd)\s*=\s*(?<secret>'[^']{1,128}'|[^;""'\s,)]{1,128})"), Generic = true,
            },
            new()
            {
                // After a scheme (Basic, Bearer, Token, Api-Token…) the credential may be short (Basic of a short user:pass);
                // with no scheme, or a bare "Bearer" outside a header, it must be token-sized.
                Reach = (48, 600), Id = "authorization-header", Kind = "AUTHORIZATION", Keywords = new[] { "authorization", "bearer" }, Priority = 60,
                MinEntropy = 2.75,
                Pattern = R(@"(?i)(?:\b(?:proxy-)?authorization[""']?[ \t]*[:=][ \t]*[""']?(?:basic[ \t]+(?<secret>[A-Za-z0-9+/]{8,}={0,3})(?![\w.~+/=\-])|(?:bearer|token|api-?token|api-?key|sso-key|digest|negotiate|jwt|dpop|ssws)[ \t]+(?<secret>[\w=~@.+/\-]{8,})|(?<secret>[\w=~@.+/\-]{16,}))|\bbearer[ \t]+(?<secret>[A-Za-z0-9._~+/\-]{16,}=*))"),
            },
            new()
            {
                // Header names that carry a key (X-Api-Key, X-Octopus-ApiKey, apikey, Api-Token, X-Auth-Token), and in a curl
                // -H/--header any header named Token or Key. Not generic: a UUID is a common real API key.
                Reach = (64, 300), Id = "api-key-header", Kind = "API_KEY", Priority = 60, MinEntropy = 2.75,
                Keywords = new[] { "api-key", "apikey", "api-token", "apitoken", "auth-token", "access-token", "x-key", "-h ", "-h\"", "-h'", "--header" },
                Pattern = R(@"(?i)(?:(?<![\w\-])(?:x-(?:[a-z0-9]+-)*)?(?:api-?key|api-?token|auth-?token|access-?token)|(?<![\w\-])x-(?:[a-z0-9]+-)*[a-z0-9]*key|(?:\s-H|--header)[ \t=]*[""']?(?:x-(?:[a-z0-9]+-)*)?(?:token|key))[""']?[ \t]*[:=][ \t]*[""']?(?<secret>[^\s""',;]{8,})"),
                Validator = v => v.Any(char.IsAsciiDigit) || (v.Any(char.IsAsciiLetterUpper) && v.Any(char.IsAsciiLetterLower)),
            },
            new()
            {
                // curl -u/--user (wget --http-user) on the command's line or a continuation line after it, the pair
                // bare, quoted whole or quoted per part; the password is masked, or the user part when the password is
                // empty (an API key given as "KEY:", Stripe's documented form).
                Reach = (700, 420), Id = "curl-user-password", Kind = "BASIC_AUTH", Keywords = new[] { "-u", "--user", "--http-user" }, Priority = 60,
                Pattern = R(@"(?i)\b(?:curl|wget|http)\b(?:[^\n]|\n(?![ \t]*\r?\n)){0,600}?[ \t\n](?:-u|--user|--http-user)(?:=|[ \t]{1,5})(?<cred>""[^""\n]{3,200}""|'[^'\n]{3,200}'|(?:""[^""\n]{0,64}""|'[^'\n]{0,64}'|[^\s:""']{1,64}):(?:""[^""\n]{1,128}""|'[^'\n]{1,128}'|[^\s""']{1,128}))"),
                SpanSelector = CurlCredential, Generic = true,
            },
            new()
            {
                Reach = (16, 220), Id = "cli-password-flag", Kind = "PASSWORD", Keywords = new[] { "--pass", "--pwd", "--token", "--secret", "--api-key", "--apikey" }, Priority = 60,
                Pattern = R(@"(?i)(?<![\w\-])--(?:password|passwd|pass|pwd|token|secret|api-key|apikey|client-secret)(?:=|[ \t]+)[""']?(?<secret>[^\s""'\-][^\s""']{2,200})"),
                Generic = true,
            },
            new()
            {
                Reach = (16, 4100), Id = "cookie", Kind = "COOKIE", Keywords = new[] { "cookie" }, Priority = 60,
                Pattern = R(@"(?im)\b(?:set-)?cookie[""']?\s*:\s*[""']?(?<block>[^\r\n""']{4,4000})"), SpanSelector = CookieValues, Generic = true,
            },

            // Named values: the key says secret, the value passes the generic placeholder and entropy gates.
            new()
            {
                Reach = (48, 280), Id = "password-assignment", Kind = "PASSWORD", Priority = 70, Generic = true, Confidence = FindingConfidence.Medium,
                Keywords = new[] { "pass", "pwd", "contraseña" },
                Pattern = R(@"(?i)(?-i:(?<![a-z]))(?:passw(?:or)?d|passphrase|pwd|pass(?=[\W_])|contraseña)[\w.\-]{0,20}[""'\x60]?[ \t]*(?:=|:=|:|=>|\?=)[ \t]*[""'\x60]?(?<secret>(?!\$\{)[^\s""'\x60,;]{4,200})"),
            },
            new()
            {
                // The operators of config files and code: = := ::= += .= ?= : =>, the key quoted or escaped-quoted (JSON
                // inside a string). A client id is named too, but only a long random one (32+ characters, 3.5 bits each)
                // is taken for a credential: short ones are public identifiers.
                Reach = (48, 300), Id = "generic-secret-assignment", Kind = "SECRET", Priority = 80, Generic = true, Confidence = FindingConfidence.Medium, MinEntropy = 3.0,
                Keywords = new[] { "secret", "token", "key", "credential", "creds", "client" }, NamesItsValue = true,
                Pattern = R(@"(?i)(?<name>(?:secret|token|api[_.\-]?key|apikey|access[_.\-]?key|auth[_.\-]?key|private[_.\-]?key|signing[_.\-]?key|master[_.\-]?key|encryption[_.\-]?key|credential|creds)[\w.\-]{0,20}|(?<client>client[_.\-]?id))\\?[""'\x60]?[ \t]*(?:=|[+.?]=|:{1,3}=|:|=>)[ \t]*\\?[""'\x60]?(?<secret>[A-Za-z0-9_+/=.~@!%^*\-]{10,200})(?![A-Za-z0-9_+/=.~@!%^*\-])"),
                MatchValidator = m => !m.Groups["client"].Success || (m.Groups["secret"].Length >= 32 && Validators.Entropy(m.Groups["secret"].ValueSpan) >= 3.5),
                Validator = v => v.Any(char.IsAsciiDigit) || (v.Any(char.IsAsciiLetterUpper) && v.Any(char.IsAsciiLetterLower)) || (v.Length >= 20 && Validators.Entropy(v) >= 3.5),
            },

            // Personal data.
            new()
            {
                Reach = (80, 260), Id = "email", Kind = "EMAIL", Category = DetectorCategory.PersonalData, Priority = 90,
                Pattern = R(@"(?<![\w.+\-])(?<secret>[A-Za-z0-9](?:[A-Za-z0-9._%+\-]{0,62}[A-Za-z0-9_%+\-])?@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,24})(?![\w\-])"),
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

        return list;
    }

    private static readonly string[] KnownOpenAiPrefixes = { "sk-proj-", "sk-svcacct-", "sk-admin-", "sk-ant-" };

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

        if (local is "git" or "noreply" or "no-reply" || local.StartsWith("your", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return !DocumentationDomains.Any(d => domain == d || domain.EndsWith("." + d, StringComparison.Ordinal));
    }

    private static IEnumerable<(int Start, int Length)> KubernetesSecretValues(Match match)
    {
        foreach (Group block in match.Groups.Cast<Group>().Where(g => g.Name == "block" && g.Success))
        {
            foreach (Capture capture in block.Captures)
            {
                int offset = capture.Index;
                foreach (string line in capture.Value.Split('\n'))
                {
                    int colon = line.IndexOf(':');
                    if (colon > 0 && line.Length > 0 && char.IsWhiteSpace(line[0]))
                    {
                        int valueStart = colon + 1;
                        while (valueStart < line.Length && line[valueStart] is ' ' or '\t' or '"' or '\'')
                        {
                            valueStart++;
                        }

                        int valueEnd = line.TrimEnd('\r', ' ', '\t', '"', '\'').Length;
                        if (valueEnd > valueStart && !line.AsSpan(valueStart).StartsWith("{{"))
                        {
                            yield return (offset + valueStart, valueEnd - valueStart);
                        }
                    }

                    offset += line.Length + 1;
                }
            }
        }
    }

    /// <summary>
    /// The secret of a curl credential: the password, or the user part when the password is empty. Templated pairs
    /// (&lt;user:password&gt;, [user]:[pass]) and a user alone (no colon) give nothing.
    /// </summary>
    // The stand-ins curl examples use for a password (gitleaks' curl-auth-user allow-list).
    private static readonly Regex CurlPlaceholderPassword = new(@"^(?i:change(?:it|me)|pass(?:word)?|pwd|test|token|\*+|x+|y+)$", RegexOptions.CultureInvariant);

    private static IEnumerable<(int Start, int Length)> CurlCredential(Match match)
    {
        Group cred = match.Groups["cred"];
        string text = cred.Value;
        int offset = cred.Index;
        if (text.Length >= 2 && text[0] is '"' or '\'' && text.IndexOf(text[0], 1) == text.Length - 1)
        {
            text = text[1..^1];
            offset++;
        }

        if (text.StartsWith('<') || text.StartsWith('[') || text.EndsWith('>'))
        {
            yield break;
        }

        int colon;
        if (text.Length > 0 && text[0] is '"' or '\'')
        {
            int close = text.IndexOf(text[0], 1);
            colon = close > 0 && close + 1 < text.Length && text[close + 1] == ':' ? close + 1 : -1;
        }
        else
        {
            colon = text.IndexOf(':');
        }

        if (colon < 0)
        {
            yield break;
        }

        (int start, int length) user = Unquote(0, colon);
        (int start, int length) password = Unquote(colon + 1, text.Length - colon - 1);
        (int start, int length) secret = password.length > 0 ? password : user;
        if (secret.length >= 3 && !CurlPlaceholderPassword.IsMatch(text.AsSpan(secret.start, secret.length)))
        {
            yield return (offset + secret.start, secret.length);
        }

        (int, int) Unquote(int start, int length)
        {
            if (length >= 2 && text[start] is '"' or '\'' && text[start + length - 1] == text[start])
            {
                return (start + 1, length - 2);
            }

            return (start, length);
        }
    }

    private static IEnumerable<(int Start, int Length)> CookieValues(Match match)
    {
        Group block = match.Groups["block"];
        string text = block.Value;
        int i = 0;
        while (i < text.Length)
        {
            int eq = text.IndexOf('=', i);
            if (eq < 0)
            {
                yield break;
            }

            int end = text.IndexOf(';', eq);
            if (end < 0)
            {
                end = text.Length;
            }

            string name = text[i..eq].Trim();
            int valueStart = eq + 1;
            int valueEnd = end;
            while (valueEnd > valueStart && text[valueEnd - 1] == ' ')
            {
                valueEnd--;
            }

            bool attribute = name.Equals("path", StringComparison.OrdinalIgnoreCase) || name.Equals("domain", StringComparison.OrdinalIgnoreCase)
                || name.Equals("expires", StringComparison.OrdinalIgnoreCase) || name.Equals("max-age", StringComparison.OrdinalIgnoreCase)
                || name.Equals("samesite", StringComparison.OrdinalIgnoreCase);
            if (!attribute && valueEnd - valueStart >= 4)
            {
                yield return (block.Index + valueStart, valueEnd - valueStart);
            }

            i = end + 1;
        }
    }
}
