using System.Text.RegularExpressions;
using static Codex.Plugins.Masking.Detection.DetectorShapes;

namespace Codex.Plugins.Masking.Detection;

/// <summary>Chat, webhooks and collaboration tools: Slack, Teams, Discord, Telegram, Linear, Notion, Figma, Grafana, 1Password, Sentry, Atlassian, Shopify.</summary>
internal static class CollaborationDetectors
{
    public static IEnumerable<SecretDetector> All() => new SecretDetector[]
    {
        // Bot, user and legacy tokens (digit groups), legacy workspace tokens (xoxa-2-…, xoxr-…), configuration
        // access and refresh tokens (xoxe.xoxp-1-…, xoxe-1-…), as Slack's token-types page lists them.
        // The groups' lengths and alphabets vary by token type and age (legacy bots: xoxb-<8-14 digits>-<24>; newer:
        // hex or mixed groups), so the shape is the prefix plus dash-separated alphanumeric groups, held to a length and
        // an entropy floor; the xoxd session cookie is URL-encoded base64.
        Token("slack-token", "SLACK_TOKEN", Start + @"(?<secret>xox[abceoprs]-(?:\d{1,3}-)?[0-9A-Za-z]{4,48}(?:-[0-9A-Za-z]{4,72}){1,5}|xox[ar]-(?:\d-)?[0-9A-Za-z]{8,48}|xoxe\.xox[bp]-\d-[A-Za-z0-9]{100,200}|xoxe-\d-[A-Za-z0-9]{100,200}|xoxd-[\w/\\+%\-]{40,400}={0,2})" + End, "xoxb-", "xoxp-", "xoxa-", "xoxc-", "xoxd-", "xoxe-", "xoxo-", "xoxr-", "xoxs-", "xoxe.") with { MinEntropy = 2.5, Validator = IsSlackToken },
        Token("slack-app-token", "SLACK_TOKEN", Start + @"(?<secret>xapp-[0-9A-Za-z]{1,16}-[0-9A-Za-z/+\-]{18,200})" + End, "xapp-") with { MinEntropy = 3.0 },
        new()
        {
            Reach = (16, 200), Id = "slack-webhook", Kind = "SLACK_WEBHOOK", Keywords = new[] { "hooks.slack.com" }, KeepPrefixes = new[] { "T" },
            // The path is T…/B…/secret for incoming webhooks, and one opaque part of 40 to 60 characters in other forms.
            Pattern = R(@"hooks\.slack\.com/(?:services|workflows|triggers)/(?<secret>[A-Za-z0-9+/_]{8,}/[A-Za-z0-9+/_]{8,}(?:/[A-Za-z0-9+_]{8,})?|[A-Za-z0-9+_]{40,60}(?![A-Za-z0-9+/_]))"),
        },
        new()
        {
            Reach = (16, 400), Id = "teams-webhook", Kind = "TEAMS_WEBHOOK", Keywords = new[] { "webhook.office.com", "logic.azure.com" },
            Pattern = R(@"(?i)(?:webhook\.office\.com/webhookb2|logic\.azure\.com:443/workflows)/(?<secret>[A-Za-z0-9@/\-]{30,}(?:\?[^\s""'<>]*)?)"),
        },
        new()
        {
            Reach = (16, 200), Id = "discord-webhook", Kind = "DISCORD_WEBHOOK", Keywords = new[] { "discord" },
            // A token typed along the alphabet (abcdefghij…XYZ1234567890) marks a sample URL: issued ones are random.
            Pattern = R(@"(?i)discord(?:app)?\.com/api/webhooks/\d+/(?<secret>[\w\-]{60,70})"),
            Validator = v => !Placeholders.IsTypedAlongTheAlphabet(v),
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
    };

    /// <summary>
    /// Long enough, a digit after the prefix, and for bot and user tokens (xoxb-, xoxp-) a random last part of twelve
    /// characters or more, and not several short id groups typed along the keyboard (issued ids have eight digits or
    /// more): xoxb-12345-abcd234 and xoxp-1234-1234-1234-… are samples.
    /// </summary>
    private static bool IsSlackToken(string value)
    {
        if (value.Length < 16 || !value.AsSpan(5).ContainsAnyInRange('0', '9'))
        {
            return false;
        }

        if (!value.StartsWith("xoxb-", StringComparison.Ordinal) && !value.StartsWith("xoxp-", StringComparison.Ordinal))
        {
            return true;
        }

        string[] groups = value[5..].Split('-');
        string[] ids = groups[..^1].Where(g => g.Length >= 4 && g.All(char.IsAsciiDigit)).ToArray();
        return groups[^1].Length >= 12 && !(ids.Length >= 2 && ids.All(id => id.Length < 8 && Placeholders.IsRepeatedOrSequential(id)));
    }
}
