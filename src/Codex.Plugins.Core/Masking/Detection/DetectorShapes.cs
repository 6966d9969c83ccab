using System.Text.RegularExpressions;

namespace Codex.Plugins.Masking.Detection;

/// <summary>The building blocks the detector families share: regex options, token boundaries and the provider-token shape.</summary>
internal static class DetectorShapes
{
    // Interpreted: the scanner compiles the patterns that turn out to be busy (SecretDetector.CompiledPattern).
    public const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    // A token boundary that, unlike \b, treats _ and - as part of the token (so "mydapi…" and "xtskey-…" do not match).
    public const string Start = @"(?<![A-Za-z0-9_\-])";

    // For prefixes no word ends in: a token may follow _ or - (an identifier that embeds it) but not a letter or digit.
    public const string GluedStart = @"(?<![A-Za-z0-9])";
    public const string End = @"(?![A-Za-z0-9_\-])";

    public static Regex R(string pattern) => new(pattern, Options);

    public static SecretDetector Token(string id, string kind, string pattern, params string[] prefixes) => new()
    {
        Id = id,
        Kind = kind,
        Keywords = prefixes,
        KeepPrefixes = prefixes,
        OwnedPrefixes = prefixes.Where(p => !SharedPrefixes.Contains(p)).ToArray(),
        Pattern = R(pattern),
    };

    // Prefixes several providers issue (sk- is OpenAI's, DeepSeek's, Moonshot's…): no one detector owns them.
    public static readonly string[] SharedPrefixes = { "sk-" };
}
