using System.Text.RegularExpressions;
using static Codex.Plugins.Masking.Detection.DetectorShapes;

namespace Codex.Plugins.Masking.Detection;

/// <summary>AI providers: OpenAI, Anthropic, the sk- catch-all, Hugging Face, Cohere, Groq, Perplexity, xAI, Replicate.</summary>
internal static class AiProviderDetectors
{
    public static IEnumerable<SecretDetector> All() => new SecretDetector[]
    {
        // Owns no prefix: OpenAI keys without the T3BlbkFJ marker exist, and the sk- catch-all below takes them.
        Token("openai-api-key", "OPENAI_API_KEY", Start + @"(?<secret>sk-(?:(?:proj|svcacct|admin|service)-[A-Za-z0-9_\-]{16,}T3BlbkFJ[A-Za-z0-9_\-]{16,}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20,}))" + End, "sk-proj-", "sk-svcacct-", "sk-admin-", "sk-service-", "sk-") with { OwnedPrefixes = Array.Empty<string>() },
        new()
        {
            // API and admin keys (api03, admin01) end in AA; Claude Code's OAuth access and refresh tokens (oat01, ort01)
            // are shorter and do not. The digits after the kind are a version, and new versions keep coming.
            Id = "anthropic-api-key", Kind = "ANTHROPIC_API_KEY", Keywords = new[] { "sk-ant-" },
            KeepPrefixes = new[] { "sk-ant-api03-", "sk-ant-api04-", "sk-ant-admin01-", "sk-ant-oat01-", "sk-ant-ort01-", "sk-ant-" },
            OwnedPrefixes = new[] { "sk-ant-" }, MinEntropy = 3.5,
            Pattern = R(Start + @"(?<secret>sk-ant-(?:(?:api|admin|sid)\d{2,3}-[A-Za-z0-9_\-]{80,120}AA|(?:oat|ort)\d{2,3}-[A-Za-z0-9_\-]{40,160}))" + End),
        },
        new()
        {
            // Newer and unknown OpenAI-style keys (and Codex's own sanitizer shape): any sk- token of high entropy.
            Id = "sk-api-key", Kind = "API_KEY", Keywords = new[] { "sk-" }, Priority = 60, Confidence = FindingConfidence.Medium,
            KeepPrefixes = new[] { "sk-proj-", "sk-ant-", "sk-" },
            Pattern = R(Start + @"(?<secret>sk-[A-Za-z0-9][A-Za-z0-9_\-]{23,250})" + End), MinEntropy = 3.2,
            Validator = v => DigitsAfter(v, 3) >= 2 || KnownOpenAiPrefixes.Any(p => v.StartsWith(p, StringComparison.Ordinal) && v.Length - p.Length >= 20),
        },
        Token("huggingface-token", "HUGGINGFACE_TOKEN", Start + @"(?<secret>(?:hf_|api_org_)[A-Za-z]{34})" + End, "hf_", "api_org_"),
        new()
        {
            Reach = (16, 120), Id = "cohere-api-key", Kind = "COHERE_API_KEY", Keywords = new[] { "cohere", "co_api" }, Priority = 40, Confidence = FindingConfidence.Medium,
            Pattern = R(@"(?i)(?:cohere|co_api)[\w.\- ]{0,20}[""']?\s*(?:[:=]|=>)\s*[""']?(?<secret>[A-Za-z0-9]{40})(?![A-Za-z0-9])"),
            MinEntropy = 3.5,
        },
        Token("groq-api-key", "GROQ_API_KEY", @"(?<![A-Za-z0-9])(?<secret>gsk_[A-Za-z0-9]{52})(?![A-Za-z0-9])", "gsk_"),
        Token("perplexity-api-key", "PERPLEXITY_API_KEY", Start + @"(?<secret>pplx-[A-Za-z0-9]{48})" + End, "pplx-"),
        Token("xai-api-key", "XAI_API_KEY", Start + @"(?<secret>xai-[A-Za-z0-9]{80})" + End, "xai-"),
        Token("replicate-token", "REPLICATE_TOKEN", Start + @"(?<secret>r8_[A-Za-z0-9]{37})" + End, "r8_"),
    };

    private static int DigitsAfter(string value, int skip)
    {
        int digits = 0;
        foreach (char c in value.AsSpan(Math.Min(skip, value.Length)))
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
        }

        return digits;
    }

    private static readonly string[] KnownOpenAiPrefixes = { "sk-proj-", "sk-svcacct-", "sk-admin-", "sk-ant-" };
}
