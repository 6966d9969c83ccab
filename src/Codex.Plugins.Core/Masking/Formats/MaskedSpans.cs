using System.Text;
using Codex.Plugins.Masking.Detection;

namespace Codex.Plugins.Masking.Formats;

/// <summary>Writes replacements into a text, and tells a match that would cut an escape sequence in two.</summary>
internal static class MaskedSpans
{
    /// <summary>The text with each span replaced (the spans do not overlap).</summary>
    public static string Apply(string text, List<(int Start, int End, string With)> replacements)
    {
        replacements.Sort((a, b) => a.Start.CompareTo(b.Start));
        var sb = new StringBuilder(text.Length);
        int position = 0;
        foreach (var r in replacements)
        {
            sb.Append(text, position, r.Start - position).Append(r.With);
            position = r.End;
        }

        return sb.Append(text, position, text.Length - position).ToString();
    }

    public static bool EndsInsideEscape(string text, SecretMatch m)
    {
        int backslashes = 0;
        for (int i = m.End - 1; i >= m.Start && text[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }
}
