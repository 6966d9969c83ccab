using System.Text.RegularExpressions;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Masking.Detection;
using Codex.Plugins.Masking.Operators;

namespace Codex.Plugins.Masking.Formats;

/// <summary>Masks TOML by key path (env tables, headers, *_token, password), then by pattern, and checks the result parses (Tomlyn).</summary>
internal static class TomlMasking
{
    private static readonly Regex TomlTable = new(@"^\s*\[\[?\s*(?<name>[^\]]+?)\s*\]\]?\s*(?:#.*)?$", RegexOptions.CultureInvariant | RegexOptions.Compiled);
    private static readonly Regex TomlStringValue = new(@"(?<key>(?:[A-Za-z0-9_\-]+|""[^""\r\n]*""|'[^'\r\n]*')(?:\s*\.\s*(?:[A-Za-z0-9_\-]+|""[^""\r\n]*""|'[^'\r\n]*'))*)\s*=\s*(?<q>""|')(?<value>(?:\\.|(?!\k<q>)[^\r\n\\])*)\k<q>", RegexOptions.CultureInvariant | RegexOptions.Compiled | RegexOptions.ExplicitCapture);

    // TOML: values whose key path says secret (env tables, headers, *_token, password) are masked whole; the
    // pattern matches are applied too; the caller checks the result still parses.
    public static string Mask(string text, SecretScanner scanner, SecretMasker masker)
    {
        var replacements = new List<(int Start, int End, string With)>();
        string[] table = Array.Empty<string>();
        int offset = 0;
        foreach (string line in text.Split('\n'))
        {
            Match header = TomlTable.Match(line);
            if (header.Success)
            {
                table = SplitKey(header.Groups["name"].Value);
            }
            else
            {
                foreach (Match kv in TomlStringValue.Matches(line))
                {
                    string[] key = SplitKey(kv.Groups["key"].Value);
                    string[] parent = InlineParent(line, kv.Index);
                    var path = table.Concat(parent).Concat(key).ToList();
                    Group value = kv.Groups["value"];
                    if (value.Length > 0 && SecretPaths.IsSecret(path) && !Placeholders.IsStrictPlaceholder(value.Value))
                    {
                        replacements.Add((offset + value.Index, offset + value.Index + value.Length, masker.Replacement(DataProtector.KeyNamed, value.Value)));
                    }
                }
            }

            offset += line.Length + 1;
        }

        foreach (SecretMatch m in scanner.Scan(text))
        {
            if (!replacements.Any(r => m.Start < r.End && r.Start < m.End) && !MaskedSpans.EndsInsideEscape(text, m))
            {
                replacements.Add((m.Start, m.End, masker.Replacement(m.Detector, m.Value)));
            }
        }

        return MaskedSpans.Apply(text, replacements);
    }

    private static string[] InlineParent(string line, int index)
    {
        // key = { A = "x" }: the inline table's own key is the parent of A.
        int brace = line.LastIndexOf('{', Math.Max(0, index - 1));
        if (brace < 0 || line.IndexOf('}', brace) is int close && close >= 0 && close < index)
        {
            return Array.Empty<string>();
        }

        int eq = line.LastIndexOf('=', Math.Max(0, brace - 1));
        if (eq < 0)
        {
            return Array.Empty<string>();
        }

        int start = line.LastIndexOfAny(new[] { '{', ',', '\t' }, Math.Max(0, eq - 1)) + 1;
        return SplitKey(line[start..eq].Trim());
    }

    private static string[] SplitKey(string key) =>
        Regex.Matches(key, @"""([^""]*)""|'([^']*)'|([A-Za-z0-9_\-]+)")
            .Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value)
            .ToArray();

    public static void Check(string text, string? file, bool after)
    {
        var parsed = Tomlyn.Parsing.SyntaxParser.Parse(text, file ?? "input.toml", validate: true);
        if (parsed.HasErrors)
        {
            string first = SecretText.Mask(parsed.Diagnostics.First().Message);
            throw new CodexIssueException(new CodexIssue(ErrorIds.SecretFormatInvalid, IssueKind.InvalidData,
                after ? $"Masking would have left invalid TOML ({first}); nothing was written." : $"The file is not valid TOML: {first}. Nothing was written.",
                file, RecommendedAction: "Use -Format Text to mask it as plain text."));
        }
    }
}
