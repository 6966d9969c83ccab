using System.Text;
using System.Text.RegularExpressions;

namespace Codex.Plugins.Permissions;

/// <summary>Lexical path helpers: Codex compares absolute paths component by component, without resolving symlinks.</summary>
public static class PathRules
{
    public static string Normalize(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        return full.Length > 1 ? full.TrimEnd('/') : full;
    }

    public static bool IsWithin(string target, string root) =>
        root == "/" || target == root || (target.StartsWith(root, StringComparison.Ordinal) && target.Length > root.Length && target[root.Length] == '/');

    public static int Depth(string path) => path == "/" ? 0 : path.Count(c => c == '/');

    public static string? Parent(string path)
    {
        if (path == "/")
        {
            return null;
        }

        int slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    public static bool IsGlob(string text) => text.IndexOfAny(new[] { '*', '?', '[' }) >= 0;

    /// <summary>
    /// A glob as Codex matches it: <c>*</c> and <c>?</c> stay inside one path component, <c>**/</c> spans any number
    /// of folders including none (so <c>**/*.env</c> covers a top-level <c>k.env</c>, as the binary showed).
    /// </summary>
    public static Regex GlobToRegex(string glob)
    {
        var sb = new StringBuilder("^");
        for (int i = 0; i < glob.Length; i++)
        {
            char c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                bool slashAfter = i + 2 < glob.Length && glob[i + 2] == '/';
                sb.Append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            }
            else if (c == '*')
            {
                sb.Append("[^/]*");
            }
            else if (c == '?')
            {
                sb.Append("[^/]");
            }
            else if (c == '[')
            {
                int close = glob.IndexOf(']', i + 1);
                if (close < 0)
                {
                    sb.Append("\\[");
                }
                else
                {
                    string set = glob.Substring(i + 1, close - i - 1);
                    sb.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    i = close;
                }
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }

        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
