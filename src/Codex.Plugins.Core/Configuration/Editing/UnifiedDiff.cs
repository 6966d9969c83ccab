using System.Text;

namespace Codex.Plugins.Configuration.Editing;

/// <summary>A unified diff (diff -u style, 3 lines of context) between two versions of a text file.</summary>
public static class UnifiedDiff
{
    /// <param name="maskLines">
    /// Rewrites the lines shown (given the text above them), e.g. to mask secrets; the edit script is computed on the
    /// real lines, so a change of a secret value still shows as a change.
    /// </param>
    public static string Create(string oldText, string newText, string path, int context = 3, Func<string, IReadOnlyList<string>, string[]>? maskLines = null)
    {
        if (string.Equals(oldText, newText, StringComparison.Ordinal))
        {
            return string.Empty;
        }

        // Only the changed stretch, with its context, is split into lines: an edit of one line in a 14,000-line
        // file compares characters to find it, instead of allocating and comparing every line.
        int prefix = 0;
        int shortest = Math.Min(oldText.Length, newText.Length);
        while (prefix < shortest && oldText[prefix] == newText[prefix])
        {
            prefix++;
        }

        int suffix = 0;
        while (suffix < shortest - prefix && oldText[oldText.Length - 1 - suffix] == newText[newText.Length - 1 - suffix])
        {
            suffix++;
        }

        int cut = LineStart(oldText, prefix);
        for (int k = 0; k < context && cut > 0; k++)
        {
            cut = LineStart(oldText, cut - 1);
        }

        int endOld = LineEnd(oldText, oldText.Length - suffix);
        for (int k = 0; k < context && endOld < oldText.Length; k++)
        {
            endOld = LineEnd(oldText, endOld);
        }

        int endNew = newText.Length - (oldText.Length - endOld);
        int skipped = 0;
        for (int c = 0; c < cut; c++)
        {
            if (oldText[c] == '\n')
            {
                skipped++;
            }
        }

        string[] a = SplitLines(oldText[cut..endOld]);
        string[] b = SplitLines(newText[cut..endNew]);
        List<(char Op, string Line)> script = Script(a, b);
        if (maskLines is not null)
        {
            string above = oldText[..cut];
            string[] shownA = maskLines(above, a);
            string[] shownB = maskLines(above, b);
            int ia = 0, ib = 0;
            for (int k = 0; k < script.Count; k++)
            {
                char op = script[k].Op;
                script[k] = (op, op == '+' ? shownB[ib] : shownA[ia]);
                ia += op == '+' ? 0 : 1;
                ib += op == '-' ? 0 : 1;
            }
        }

        var sb = new StringBuilder();
        sb.Append("--- ").Append(path).Append('\n');
        sb.Append("+++ ").Append(path).Append('\n');
        int i = 0;
        while (i < script.Count)
        {
            if (script[i].Op == ' ')
            {
                i++;
                continue;
            }

            // A hunk: from `context` lines before the first change to `context` lines after the last change that is
            // within 2*context of the next one.
            int start = Math.Max(0, i - context);
            int end = i;
            while (true)
            {
                while (end < script.Count && script[end].Op != ' ')
                {
                    end++;
                }

                int next = end;
                while (next < script.Count && script[next].Op == ' ')
                {
                    next++;
                }

                if (next < script.Count && next - end <= 2 * context)
                {
                    end = next;
                    continue;
                }

                end = Math.Min(script.Count, end + context);
                break;
            }

            int oldStart = 1 + skipped + script.Take(start).Count(s => s.Op != '+');
            int newStart = 1 + skipped + script.Take(start).Count(s => s.Op != '-');
            int oldCount = script.Skip(start).Take(end - start).Count(s => s.Op != '+');
            int newCount = script.Skip(start).Take(end - start).Count(s => s.Op != '-');
            sb.Append("@@ -").Append(Range(oldStart, oldCount)).Append(" +").Append(Range(newStart, newCount)).Append(" @@\n");
            for (int k = start; k < end; k++)
            {
                sb.Append(script[k].Op).Append(script[k].Line).Append('\n');
            }

            i = end;
        }

        return sb.ToString();
    }

    /// <summary>The start of the line that holds position i.</summary>
    private static int LineStart(string text, int i)
    {
        int nl = i <= 0 ? -1 : text.LastIndexOf('\n', Math.Min(i, text.Length) - 1);
        return nl + 1;
    }

    /// <summary>The position after the end of the line that holds position i (or the text's end).</summary>
    private static int LineEnd(string text, int i)
    {
        if (i >= text.Length)
        {
            return text.Length;
        }

        int nl = text.IndexOf('\n', i);
        return nl < 0 ? text.Length : nl + 1;
    }

    private static string Range(int start, int count) => count == 0 ? $"{start - 1},0" : count == 1 ? $"{start}" : $"{start},{count}";

    /// <summary>Lines without their ends; a final line without a newline is marked the way diff marks it.</summary>
    private static string[] SplitLines(string text)
    {
        if (text.Length == 0)
        {
            return Array.Empty<string>();
        }

        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (text.EndsWith('\n'))
        {
            lines.RemoveAt(lines.Count - 1);
        }
        else
        {
            lines[^1] += "\n\\ No newline at end of file";
        }

        return lines.ToArray();
    }

    /// <summary>An edit script: common prefix and suffix kept, the middle by longest common subsequence when small.</summary>
    private static List<(char, string)> Script(string[] a, string[] b)
    {
        int prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        int suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix])
        {
            suffix++;
        }

        var script = new List<(char, string)>(a.Length + b.Length);
        script.AddRange(a.Take(prefix).Select(l => (' ', l)));
        string[] midA = a[prefix..(a.Length - suffix)];
        string[] midB = b[prefix..(b.Length - suffix)];
        if ((long)midA.Length * midB.Length <= 4_000_000)
        {
            int[,] lcs = new int[midA.Length + 1, midB.Length + 1];
            for (int x = midA.Length - 1; x >= 0; x--)
            {
                for (int y = midB.Length - 1; y >= 0; y--)
                {
                    lcs[x, y] = midA[x] == midB[y] ? lcs[x + 1, y + 1] + 1 : Math.Max(lcs[x + 1, y], lcs[x, y + 1]);
                }
            }

            int i = 0, j = 0;
            while (i < midA.Length || j < midB.Length)
            {
                if (i < midA.Length && j < midB.Length && midA[i] == midB[j])
                {
                    script.Add((' ', midA[i++]));
                    j++;
                }
                else if (i < midA.Length && (j == midB.Length || lcs[i + 1, j] >= lcs[i, j + 1]))
                {
                    script.Add(('-', midA[i++]));
                }
                else
                {
                    script.Add(('+', midB[j++]));
                }
            }
        }
        else
        {
            script.AddRange(midA.Select(l => ('-', l)));
            script.AddRange(midB.Select(l => ('+', l)));
        }

        script.AddRange(a.Skip(a.Length - suffix).Select(l => (' ', l)));
        return script;
    }
}
