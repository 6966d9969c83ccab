using System.Text.RegularExpressions;

namespace Codex.Plugins.Masking;

/// <summary>
/// The one entry point for masking secrets in free text (hook output, diffs, error messages, report text): well-known
/// token shapes (OpenAI, GitHub, GitLab, Slack, AWS, Google, JWTs, PEM private keys), Authorization/Bearer values, and
/// the value of NAME=value / "name": "value" pairs whose name says secret, token, password or key. Call sites use this
/// and nothing else, so the detectors behind it can grow without touching them.
/// </summary>
public static class SecretText
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    // Whole matches are secrets.
    private static readonly Regex[] Whole =
    {
        new(@"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)", Options),
        new(@"\b(?:sk-(?:proj-|ant-)?[A-Za-z0-9_\-]{16,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_\-]{16,}|xox[abprs]-[A-Za-z0-9\-]{10,}|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_\-]{30,}|eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,})", Options),
    };

    // The value after a name that says secret: group "keep" stays, group "secret" goes. Captures instead of
    // look-behinds keep this linear on long text.
    private static readonly Regex[] Valued =
    {
        new(@"(?i)(?<keep>\b(?:authorization|bearer|token)\b[\s:=""']{1,4}(?:bearer\s+)?)(?<secret>[A-Za-z0-9._~+/=\-]{8,})", Options),
        new(@"(?i)(?<keep>\b[A-Za-z0-9_\-]*(?:secret|token|passw(?:or)?d|api[_\-]?key|private[_\-]?key|credential)[A-Za-z0-9_\-]*[""']?\s*[:=]\s*[""']?)(?<secret>[^\s""',;]{4,})", Options),

        // The password of a URL or connection string (scheme://user:password@host): scheme, user and host stay.
        new(@"(?i)(?<keep>\b[a-z][a-z0-9+.\-]*://[^\s:/@""']+:)(?<secret>[^\s@/""']+)(?=@)", Options),
    };

    /// <summary>The text with every secret it recognises replaced by <see cref="SecretMask.Mask"/>.</summary>
    public static string Mask(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (Regex pattern in Whole)
        {
            text = pattern.Replace(text, SecretMask.Mask);
        }

        foreach (Regex pattern in Valued)
        {
            text = pattern.Replace(text, m => m.Groups["secret"].Value == SecretMask.Mask ? m.Value : m.Groups["keep"].Value + SecretMask.Mask);
        }

        return text;
    }

    /// <summary>True when the text holds a secret <see cref="Mask"/> would hide.</summary>
    public static bool ContainsSecret(string? text) => !string.IsNullOrEmpty(text) && !string.Equals(Mask(text), text, StringComparison.Ordinal);
}
