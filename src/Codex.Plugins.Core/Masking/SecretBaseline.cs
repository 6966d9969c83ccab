using System.Text;
using Codex.Plugins.Masking.Detection;

namespace Codex.Plugins.Masking;

/// <summary>A set of fingerprints read from a baseline file (one per line, or JSON with Fingerprint values).</summary>
public sealed class SecretBaseline
{
    private readonly HashSet<string> _fingerprints;

    private SecretBaseline(HashSet<string> fingerprints) => _fingerprints = fingerprints;

    public int Count => _fingerprints.Count;

    public bool Contains(string fingerprint) => _fingerprints.Contains(fingerprint);

    public static SecretBaseline Load(string path)
    {
        string full = Path.GetFullPath(path);
        string text;
        try
        {
            text = Configuration.RegularFile.ReadAllText(full, Configuration.FileSizeLimit.SecretBaseline);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new Diagnostics.CodexIssueException(new Diagnostics.CodexIssue(Diagnostics.ErrorIds.SecretBaselineInvalid, Diagnostics.IssueKind.ReadError,
                $"The baseline cannot be read: {ex.Message}", full), ex);
        }

        var set = new HashSet<string>(StringComparer.Ordinal);
        string trimmed = text.TrimStart();
        if (trimmed.StartsWith('[') || trimmed.StartsWith('{'))
        {
            try
            {
                using var doc = System.Text.Json.JsonDocument.Parse(text);
                var items = doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Array ? doc.RootElement.EnumerateArray().ToList() : new() { doc.RootElement };
                foreach (var item in items)
                {
                    if (item.ValueKind == System.Text.Json.JsonValueKind.String)
                    {
                        set.Add(item.GetString()!);
                    }
                    else if (item.ValueKind == System.Text.Json.JsonValueKind.Object && item.TryGetProperty("Fingerprint", out var fp))
                    {
                        set.Add(fp.GetString()!);
                    }
                    else
                    {
                        throw new System.Text.Json.JsonException("an entry is neither a fingerprint nor an object with Fingerprint");
                    }
                }
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new Diagnostics.CodexIssueException(new Diagnostics.CodexIssue(Diagnostics.ErrorIds.SecretBaselineInvalid, Diagnostics.IssueKind.InvalidData,
                    $"The baseline is not a list of fingerprints: {ex.Message}", full, RecommendedAction: "Write it with Find-CodexSecret | Select-Object -ExpandProperty Fingerprint | Set-Content, or ConvertTo-Json."), ex);
            }
        }
        else
        {
            foreach (string raw in text.Split('\n'))
            {
                string lineText = raw.Trim();
                if (lineText.Length > 0 && !lineText.StartsWith('#'))
                {
                    set.Add(lineText);
                }
            }
        }

        return new SecretBaseline(set);
    }
}
