using System.Text;
using System.Text.RegularExpressions;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Masking.Detection;
using Codex.Plugins.Masking.Operators;

namespace Codex.Plugins.Masking;

/// <summary>
/// The masking cmdlets' shared parameters (-Rule, -ExcludeRule, -AllowPattern, -Category, -Key, -KeyPath) read into
/// the engine's options. A value that names no detector, is not a regular expression, or is an empty or unreadable
/// key file is thrown as the issue that names it: a bad parameter.
/// </summary>
public static class MaskingParameters
{
    /// <summary>The scan options: <paramref name="categories"/> (names of <see cref="DetectorCategory"/>) or, when none are named, <paramref name="defaultCategories"/>.</summary>
    public static SecretScanOptions ScanOptions(IReadOnlyList<string>? rules, IReadOnlyList<string>? excludeRules, IReadOnlyList<string>? allowPatterns,
        IReadOnlyList<string>? categories, IReadOnlyList<DetectorCategory> defaultCategories)
    {
        foreach (string name in (rules ?? Array.Empty<string>()).Concat(excludeRules ?? Array.Empty<string>()))
        {
            bool known = DetectorCatalog.All.Any(d => d.Id.Equals(name, StringComparison.OrdinalIgnoreCase) || d.Kind.Equals(name, StringComparison.OrdinalIgnoreCase))
                || name.Equals(KeyStoreDetector.Id, StringComparison.OrdinalIgnoreCase) || name.Equals(KeyStoreDetector.Kind, StringComparison.OrdinalIgnoreCase);
            if (!known)
            {
                throw new CodexIssueException(new CodexIssue(ErrorIds.SecretRuleUnknown, IssueKind.InvalidData, $"No detector is named '{name}'.", null, Target: name,
                    RecommendedAction: $"Use a detector id or kind; Tab completes them (for example {string.Join(", ", DetectorCatalog.All.Take(4).Select(d => d.Id))})."));
            }
        }

        var allow = new List<Regex>();
        foreach (string pattern in allowPatterns ?? Array.Empty<string>())
        {
            try
            {
                allow.Add(new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
            }
            catch (ArgumentException ex)
            {
                throw new CodexIssueException(new CodexIssue(ErrorIds.SecretRuleUnknown, IssueKind.InvalidData, $"-AllowPattern '{pattern}' is not a regular expression: {ex.Message}", null, Target: pattern));
            }
        }

        return new SecretScanOptions
        {
            Rules = rules ?? Array.Empty<string>(),
            ExcludeRules = excludeRules ?? Array.Empty<string>(),
            AllowPatterns = allow,
            Categories = categories is { Count: > 0 } ? categories.Select(c => Enum.Parse<DetectorCategory>(c, ignoreCase: true)).ToArray() : defaultCategories,
        };
    }

    /// <summary>The key for tags and fingerprints: <paramref name="key"/>'s UTF-8 bytes, else the bytes of the file at <paramref name="keyPath"/>, else null.</summary>
    public static byte[]? Key(string? key, string? keyPath)
    {
        if (key is not null)
        {
            return Encoding.UTF8.GetBytes(key);
        }

        if (keyPath is null)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Configuration.RegularFile.ReadAllBytes(keyPath, limit: Configuration.FileSizeLimit.MaskingKey);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.MaskKeyInvalid, IssueKind.ReadError, $"The key file cannot be read: {ex.Message}", keyPath), ex);
        }

        return bytes.Length > 0 ? bytes : throw new CodexIssueException(new CodexIssue(ErrorIds.MaskKeyInvalid, IssueKind.InvalidData, "The key file is empty.", keyPath));
    }

    /// <summary>
    /// The mapping Protect-CodexData extends: the one at <paramref name="mappingPath"/> when that file exists, else
    /// null (a new one is started). -MappingPath with a mode other than Placeholder, or a file that is not a mapping,
    /// is MaskMappingInvalid (thrown).
    /// </summary>
    public static PlaceholderMap? Mapping(MaskMode mode, string? mappingPath)
    {
        if (mappingPath is null)
        {
            return null;
        }

        if (mode != MaskMode.Placeholder)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.MaskMappingInvalid, IssueKind.InvalidData, "-MappingPath goes with -Mode Placeholder only.", mappingPath));
        }

        return File.Exists(mappingPath) ? PlaceholderMap.Load(mappingPath) : null;
    }
}
