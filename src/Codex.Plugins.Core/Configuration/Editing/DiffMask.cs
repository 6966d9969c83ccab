using System.Text.RegularExpressions;
using Codex.Plugins.Masking;

namespace Codex.Plugins.Configuration.Editing;

/// <summary>
/// Masks the lines a diff shows, context and changed lines alike, so a preview (-WhatIf, -Confirm, -Verbose) never
/// shows a secret the file holds: a value is masked when its key path says secret (<see cref="SecretPaths"/>, which
/// knows the table each line sits in) or when the value itself holds one (<see cref="SecretText"/>). Only the lines
/// shown are read, so a one-line edit of a 14,000-line file masks a handful of lines, not the file.
/// </summary>
public static partial class DiffMask
{
    private const string NoNewline = "\n\\ No newline at end of file";

    /// <summary>The lines, masked; <paramref name="textBefore"/> is the file before the first line (for the table it sits in).</summary>
    public static string[] Lines(string textBefore, IReadOnlyList<string> lines)
    {
        List<string> table = TableAbove(textBefore);
        var masked = new string[lines.Count];
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i];
            string marker = line.EndsWith(NoNewline, StringComparison.Ordinal) ? NoNewline : string.Empty;
            string body = line[..(line.Length - marker.Length)];
            if (Header().Match(body) is { Success: true } header)
            {
                table = Segments(header.Groups["name"].Value);
                masked[i] = line;
                continue;
            }

            masked[i] = SecretText.Mask(ByKeyPath(body, table)) + marker;
        }

        return masked;
    }

    /// <summary>A key = value line with the values whose key path is secret replaced by the mask.</summary>
    private static string ByKeyPath(string line, IReadOnlyList<string> table)
    {
        int eq = line.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || line.TrimStart().StartsWith('#'))
        {
            return line;
        }

        TomlFile parsed;
        try
        {
            parsed = TomlFileReader.ParseText(line, "diff");
        }
        catch (Diagnostics.CodexIssueException)
        {
            // A line inside a multi-line value: only its text can say whether it holds a secret.
            return line;
        }

        var secrets = new List<(string Value, string Masked)>();
        Collect(parsed.Root, table.ToList(), secrets);
        foreach (var (value, masked) in secrets.Distinct().OrderByDescending(v => v.Value.Length))
        {
            line = line[..eq] + ReplaceQuoted(line[eq..], value, masked);
        }

        return line;
    }

    private static void Collect(TomlNode node, List<string> path, List<(string Value, string Masked)> secrets)
    {
        switch (node)
        {
            case TomlArrayNode args when path.Count > 0 && path[^1] == "args" && args.Items.All(i => i is TomlValueNode { Value: string }):
                // A command's arguments: a secret after --password is known by its place in the list.
                string[] plain = args.Items.Select(i => (string)((TomlValueNode)i).Value!).ToArray();
                string[] masked = SecretArguments.Mask(plain);
                for (int i = 0; i < plain.Length; i++)
                {
                    if (SecretArguments.IsNamedSecret(plain, i))
                    {
                        secrets.Add((plain[i], masked[i]));
                    }
                }

                break;
            case TomlTableNode table:
                foreach (var (key, child) in table.Items)
                {
                    path.Add(key);
                    Collect(child, path, secrets);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            case TomlArrayNode array:
                foreach (TomlNode item in array.Items)
                {
                    Collect(item, path, secrets);
                }

                break;
            case TomlValueNode { Value: string value } when value.Length > 0 && SecretPaths.IsSecret(path):
                secrets.Add((value, SecretMask.Mask));
                break;
        }
    }

    private static string ReplaceQuoted(string text, string value, string masked)
    {
        foreach (string quote in new[] { "\"", "'" })
        {
            string quoted = quote + (quote == "\"" ? value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) : value) + quote;
            text = text.Replace(quoted, quote + masked + quote, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The table the next line sits in: the last [header] above it.</summary>
    private static List<string> TableAbove(string textBefore)
    {
        int pos = textBefore.Length;
        while (pos > 0)
        {
            int start = pos >= 2 ? textBefore.LastIndexOf('\n', pos - 2) + 1 : 0;
            if (Header().Match(textBefore[start..pos].TrimEnd('\n', '\r')) is { Success: true } header)
            {
                return Segments(header.Groups["name"].Value);
            }

            pos = start;
        }

        return new List<string>();
    }

    private static List<string> Segments(string dotted)
    {
        try
        {
            return TomlKey.Split(dotted).ToList();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or Diagnostics.CodexIssueException)
        {
            return dotted.Split('.').Select(s => s.Trim().Trim('"', '\'')).ToList();
        }
    }

    [GeneratedRegex(@"^\s*\[\[?\s*(?<name>[^\]]+?)\s*\]\]?\s*(#.*)?$")]
    private static partial Regex Header();
}
