using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Masking.Operators;

/// <summary>
/// The numbering behind the Placeholder operator: one number per distinct value within a kind, so a ticket that
/// names the same person three times says <c>&lt;EMAIL_1&gt;</c> three times. Saved as JSON, readable by its owner only,
/// for <c>Unprotect-CodexData</c>.
/// </summary>
public sealed class PlaceholderMap
{
    public const int FormatVersion = 1;
    private static readonly Regex PlaceholderShape = new(@"<([A-Z][A-Z0-9_]*?)_(\d+)>", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private readonly Dictionary<string, string> _byPlaceholder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byValue = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Entries => _byPlaceholder;

    public int Count => _byPlaceholder.Count;

    /// <summary>The placeholder for this value, numbering it when it is new.</summary>
    public string PlaceholderFor(string kind, string value)
    {
        string key = kind + "\0" + value;
        if (_byValue.TryGetValue(key, out string? existing))
        {
            return existing;
        }

        int next = _counters.GetValueOrDefault(kind) + 1;
        string placeholder = $"<{kind}_{next}>";
        while (_byPlaceholder.ContainsKey(placeholder))
        {
            next++;
            placeholder = $"<{kind}_{next}>";
        }

        _counters[kind] = next;
        _byPlaceholder[placeholder] = value;
        _byValue[key] = placeholder;
        return placeholder;
    }

    public bool TryGetValue(string placeholder, out string value) => _byPlaceholder.TryGetValue(placeholder, out value!);

    /// <summary>Every placeholder-shaped token in the text (for reversal and for telling which ones a mapping lacks).</summary>
    public static IEnumerable<Match> FindPlaceholders(string text) => PlaceholderShape.Matches(text);

    public string ToJson()
    {
        var entries = new JsonObject();
        foreach (var pair in _byPlaceholder.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            entries[pair.Key] = pair.Value;
        }

        var root = new JsonObject { ["version"] = FormatVersion, ["entries"] = entries };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Reads a mapping written by <see cref="Save"/>; a file of another shape is MaskMappingInvalid.</summary>
    public static PlaceholderMap Load(string path)
    {
        string full = Path.GetFullPath(path);
        string json;
        try
        {
            json = Configuration.RegularFile.ReadAllText(full, Configuration.FileSizeLimit.PlaceholderMapping);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.MaskMappingUnreadable, IssueKind.ReadError,
                $"The mapping file cannot be read: {ex.Message}", full, RecommendedAction: "Give the mapping written by Protect-CodexData -Mode Placeholder -MappingPath."), ex);
        }

        var map = new PlaceholderMap();
        try
        {
            JsonNode? root = JsonNode.Parse(json);
            if (root?["version"]?.GetValue<int>() != FormatVersion || root["entries"] is not JsonObject entries)
            {
                throw new JsonException("no version 1 and entries object");
            }

            foreach (var pair in entries)
            {
                Match m = PlaceholderShape.Match(pair.Key);
                if (!m.Success || m.Length != pair.Key.Length || pair.Value is null)
                {
                    throw new JsonException($"'{SecretText.Mask(pair.Key)}' is not a placeholder");
                }

                string value = pair.Value.GetValue<string>();
                string kind = m.Groups[1].Value;
                map._byPlaceholder[pair.Key] = value;
                map._byValue[kind + "\0" + value] = pair.Key;
                map._counters[kind] = Math.Max(map._counters.GetValueOrDefault(kind), int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new CodexIssueException(new CodexIssue(ErrorIds.MaskMappingInvalid, IssueKind.InvalidData,
                $"The mapping file is not a placeholder mapping: {ex.Message}", full, RecommendedAction: "Give the mapping written by Protect-CodexData -Mode Placeholder -MappingPath."), ex);
        }

        return map;
    }

    /// <summary>Writes the mapping readable and writable by its owner only (0600), atomically.</summary>
    public void Save(string path)
    {
        string full = Path.GetFullPath(path);
        byte[] json = Encoding.UTF8.GetBytes(ToJson());
        MaskedFileWriter.WriteOwnerOnly(full, s => s.Write(json));
    }
}
