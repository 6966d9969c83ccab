using Codex.Plugins.Masking.Detection;
using Codex.Plugins.Masking.Operators;

namespace Codex.Plugins.Masking;

/// <summary>
/// The one entry point for masking secrets in free text (hook output, diffs, error messages, report text, verbose and
/// debug lines). It runs every secret detector of the engine (<see cref="DetectorCatalog"/>: provider tokens, private
/// key blocks, passwords in URLs and connection strings, Authorization and Cookie headers, named key = value pairs)
/// and replaces what it finds with <see cref="SecretMask.Mask"/>, keeping the text around it (a URL's scheme, user and
/// host; a header's name). Call sites use this and nothing else, so the detectors behind it grow without touching them.
/// </summary>
public static class SecretText
{
    private static readonly SecretScanner Scanner = new(SecretScanOptions.Secrets);

    /// <summary>The text with every secret it recognises replaced by <see cref="SecretMask.Mask"/>.</summary>
    public static string Mask(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        List<SecretMatch> matches = Scanner.Scan(text);
        return matches.Count == 0 ? text : SecretMasker.Stars.Apply(text, matches);
    }

    /// <summary>True when the text holds at least one secret.</summary>
    public static bool ContainsSecret(string? text) => !string.IsNullOrEmpty(text) && Scanner.Scan(text).Count > 0;
}
