using System.Text.Json;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Masking.Detection;
using Codex.Plugins.Masking.Operators;

namespace Codex.Plugins.Masking.Formats;

/// <summary>Masks JSON and JSON Lines by key name, then by pattern inside string tokens, and checks the result parses.</summary>
internal static class JsonMasking
{
    // JSON: a small tokenizer finds every string token and whether it is a key; a value under a secret-named key (or
    // inside env / headers) is masked whole, then the pattern matches are applied where they lie inside one string.
    public static string Mask(string text, SecretScanner scanner, SecretMasker masker)
    {
        var strings = new List<(int Start, int End, bool IsKey)>();
        var secretValues = new List<(int Start, int End)>();
        string? lastKey = null;
        var containers = new Stack<string?>();
        string? pendingKeyForContainer = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '"')
            {
                int start = i + 1, j = start;
                while (j < text.Length && text[j] != '"')
                {
                    j += text[j] == '\\' ? 2 : 1;
                }

                j = Math.Min(j, text.Length);
                int k = j + 1;
                while (k < text.Length && char.IsWhiteSpace(text[k]))
                {
                    k++;
                }

                bool isKey = k < text.Length && text[k] == ':';
                strings.Add((start, j, isKey));
                if (isKey)
                {
                    lastKey = text[start..j];
                    pendingKeyForContainer = lastKey;
                }
                else
                {
                    string? parent = containers.Count > 0 ? containers.Peek() : null;
                    bool keyed = lastKey is not null && text.LastIndexOf(':', Math.Max(0, start - 1)) > text.LastIndexOfAny(new[] { ',', '{', '[' }, Math.Max(0, start - 1));
                    var path = new List<string>();
                    if (parent is not null)
                    {
                        path.Add(parent);
                    }

                    if (keyed && lastKey is not null)
                    {
                        path.Add(lastKey);
                    }

                    if (path.Count > 0 && SecretPaths.IsSecret(path) && j > start)
                    {
                        string value = Unescape(text[start..j]);
                        if (!Placeholders.IsStrictPlaceholder(value) && !SecretPaths.IsSecretName(value))
                        {
                            secretValues.Add((start, j));
                        }
                    }

                    pendingKeyForContainer = null;
                }

                i = j;
            }
            else if (c is '{' or '[')
            {
                containers.Push(pendingKeyForContainer);
                pendingKeyForContainer = null;
            }
            else if (c is '}' or ']')
            {
                if (containers.Count > 0)
                {
                    containers.Pop();
                }
            }
            else if (c == ',')
            {
                pendingKeyForContainer = null;
            }
        }

        var matches = scanner.Scan(text);
        var replacements = new List<(int Start, int End, string With)>();
        foreach ((int start, int end) in secretValues)
        {
            replacements.Add((start, end, masker.Replacement(DataProtector.KeyNamed, Unescape(text[start..end]))));
        }

        foreach (SecretMatch m in matches)
        {
            bool insideOneString = strings.Any(s => m.Start >= s.Start && m.End <= s.End);
            bool claimed = replacements.Any(r => m.Start < r.End && r.Start < m.End);
            if (insideOneString && !claimed && !MaskedSpans.EndsInsideEscape(text, m))
            {
                replacements.Add((m.Start, m.End, masker.Replacement(m.Detector, m.Value)));
            }
        }

        return MaskedSpans.Apply(text, replacements);
    }

    private static string Unescape(string raw)
    {
        try
        {
            return JsonSerializer.Deserialize<string>("\"" + raw + "\"") ?? raw;
        }
        catch (JsonException)
        {
            return raw;
        }
    }

    public static void Check(string text, bool lines, string? file, bool after)
    {
        try
        {
            if (lines)
            {
                foreach (string line in text.Split('\n'))
                {
                    if (line.Trim().Length > 0)
                    {
                        using var _ = JsonDocument.Parse(line);
                    }
                }
            }
            else
            {
                using var _ = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            }
        }
        catch (JsonException ex)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.SecretFormatInvalid, IssueKind.InvalidData,
                after ? $"Masking would have left invalid JSON ({ex.Message}); nothing was written." : $"The file is not valid {(lines ? "JSON Lines" : "JSON")}: {SecretText.Mask(ex.Message)} Nothing was written.",
                file, RecommendedAction: "Use -Format Text to mask it as plain text."), ex);
        }
    }
}
