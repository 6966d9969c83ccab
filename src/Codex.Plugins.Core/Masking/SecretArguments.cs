namespace Codex.Plugins.Masking;

/// <summary>
/// Masks a command's argument list (an MCP server's <c>args</c>) for display. A secret given as its own element after a
/// flag that names it (<c>--password hunter2</c>, <c>-p hunter2</c>, <c>--api-key KEY</c>, <c>--auth-token T</c>) is
/// masked whole: no text rule can see it, since the element alone looks like any word. So is the value of such a flag
/// written <c>--password=hunter2</c>. Every other element goes through <see cref="SecretText.Mask"/> (a password in a
/// URL, a provider token).
/// </summary>
public static class SecretArguments
{
    // The last word of a flag's name that says its value is a secret (--db-password, --auth-token, --client-secret).
    private static readonly HashSet<string> SecretLastWords = new(StringComparer.Ordinal)
    {
        "password", "passwd", "pass", "pwd", "passphrase", "token", "secret", "apikey", "credential", "credentials", "cookie", "authorization",
    };

    // The last two words that do (--api-key, --private-key, --access-key, --secret-key).
    private static readonly HashSet<string> SecretLastPairs = new(StringComparer.Ordinal)
    {
        "api_key", "private_key", "access_key", "secret_key", "signing_key", "auth_key", "access_token", "client_secret",
    };

    /// <summary>The arguments with every secret masked; the list itself is not changed.</summary>
    public static string[] Mask(IReadOnlyList<string> args)
    {
        var masked = new string[args.Count];
        for (int i = 0; i < args.Count; i++)
        {
            masked[i] = Mask(args, i);
        }

        return masked;
    }

    /// <summary>True when the element at <paramref name="index"/> is, or holds, a secret that a flag before it or in it names.</summary>
    public static bool IsNamedSecret(IReadOnlyList<string> args, int index) =>
        FollowsSecretFlag(args, index) || FlagValue(args[index]) is { } value && value.Length > 0;

    /// <summary>The flag that names the element at <paramref name="index"/> as a secret, or null.</summary>
    public static string? NamingFlag(IReadOnlyList<string> args, int index)
    {
        if (FollowsSecretFlag(args, index))
        {
            return args[index - 1];
        }

        string arg = args[index];
        return FlagValue(arg) is { Length: > 0 } ? arg[..arg.IndexOf('=', StringComparison.Ordinal)] : null;
    }

    /// <summary>
    /// True when the argument is a flag whose name says the next element is a secret: its last word (or last two) is
    /// password, token, secret, api key and the like, or it is <c>-p</c>. A flag naming where a secret is kept
    /// (<c>--token-file</c>, <c>--password-env</c>) is not, and neither is a flag given its value after '='.
    /// </summary>
    public static bool IsSecretFlag(string arg)
    {
        if (arg.Length < 2 || arg[0] != '-' || arg.Contains('=', StringComparison.Ordinal))
        {
            return false;
        }

        string name = arg.TrimStart('-');
        if (arg.Length - name.Length > 2 || name.Length == 0)
        {
            return false;
        }

        if (name == "p")
        {
            // -p: the password of mysql, mongo, redis-cli and many database clients' command lines (a port number
            // after it is not masked: see FollowsSecretFlag).
            return true;
        }

        string[] words = name.ToLowerInvariant().Split('-', '_', '.');
        if (words.Length == 0 || words.Any(w => w.Length == 0))
        {
            return false;
        }

        string last = words[^1];
        return SecretLastWords.Contains(last) || (words.Length >= 2 && SecretLastPairs.Contains(words[^2] + "_" + last));
    }

    private static string Mask(IReadOnlyList<string> args, int index)
    {
        string arg = args[index];
        if (FollowsSecretFlag(args, index))
        {
            return SecretMask.Apply(arg);
        }

        if (FlagValue(arg) is { Length: > 0 })
        {
            return arg[..(arg.IndexOf('=', StringComparison.Ordinal) + 1)] + SecretMask.Mask;
        }

        return SecretText.Mask(arg);
    }

    /// <summary>
    /// The element follows a secret flag and is not itself a flag (<c>--password --verbose</c>: the tool asks for the
    /// password, and --verbose is shown as it is). After <c>-p</c> a number is a port (<c>-p 8080</c>), not a password.
    /// </summary>
    private static bool FollowsSecretFlag(IReadOnlyList<string> args, int index) =>
        index > 0 && IsSecretFlag(args[index - 1]) && !LooksLikeFlag(args[index])
        && !(args[index - 1].TrimStart('-') == "p" && args[index].Length is > 0 and <= 5 && args[index].All(char.IsAsciiDigit));

    /// <summary>The value of <c>--secret-flag=value</c>, or null for any other argument.</summary>
    private static string? FlagValue(string arg)
    {
        int eq = arg.IndexOf('=', StringComparison.Ordinal);
        return eq > 1 && arg[0] == '-' && IsSecretFlag(arg[..eq]) ? arg[(eq + 1)..] : null;
    }

    private static bool LooksLikeFlag(string arg) =>
        arg.Length >= 2 && arg[0] == '-' && (char.IsLetter(arg[1]) || (arg[1] == '-' && arg.Length > 2 && char.IsLetter(arg[2])));
}
