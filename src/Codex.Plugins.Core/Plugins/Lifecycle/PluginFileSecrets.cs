using System.Text;
using System.Text.RegularExpressions;
using Codex.Plugins.Masking;
using Codex.Plugins.Masking.Detection;
using Codex.Plugins.Masking.Operators;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>
/// How a plugin's own files are judged for secrets, the same when a folder is checked (Test-CodexPlugin) and when
/// one is packaged (New-CodexPlugin): which files are read, which count as prose, and which masked text is only the
/// name of a variable.
/// </summary>
internal static class PluginFileSecrets
{
    /// <summary>Files larger than this are not scanned for secrets (plugins carry text; a large file is data).</summary>
    public const int MaxScannedFileBytes = 1024 * 1024;

    private static readonly SecretScanner ProseScanner = new(SecretScanOptions.ProviderShapedSecrets);

    private static readonly Regex VariableName = new(@"^\$?\{?[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\}?$|^\$\{[A-Za-z_][A-Za-z0-9_]*\}$", RegexOptions.CultureInvariant);

    /// <summary>The file's text, or null when it is too large to scan or binary (a NUL in its first 8,000 bytes).</summary>
    public static string? ReadText(FileInfo file)
    {
        if (file.Length > MaxScannedFileBytes)
        {
            return null;
        }

        byte[] bytes = Configuration.RegularFile.ReadAllBytes(file.FullName);
        if (bytes.AsSpan(0, Math.Min(bytes.Length, 8000)).IndexOf((byte)0) >= 0)
        {
            return null;
        }

        return Encoding.UTF8.GetString(bytes);
    }

    public static bool IsProse(FileInfo file) =>
        file.Extension.ToLowerInvariant() is ".md" or ".markdown" or ".mdx" or ".txt" or ".rst";

    /// <summary>Prose masked for credential shapes only (talk about tokens and keys is not a secret).</summary>
    public static string MaskProse(string text)
    {
        List<SecretMatch> matches = ProseScanner.Scan(text);
        return matches.Count == 0 ? text : SecretMasker.Stars.Apply(text, matches);
    }

    /// <summary>
    /// True when what masking replaced on the line is only the name of an environment variable (GITHUB_PAT_TOKEN,
    /// ${API_KEY}): that is where a secret is read from, not a secret.
    /// </summary>
    public static bool OnlyNamesVariables(string original, string masked)
    {
        int prefix = 0;
        while (prefix < original.Length && prefix < masked.Length && original[prefix] == masked[prefix])
        {
            prefix++;
        }

        int suffix = 0;
        while (suffix < original.Length - prefix && suffix < masked.Length - prefix && original[^(suffix + 1)] == masked[^(suffix + 1)])
        {
            suffix++;
        }

        string replaced = original[prefix..^suffix];
        return masked.Split(SecretMask.Mask).Length == 2 && VariableName.IsMatch(replaced);
    }
}
