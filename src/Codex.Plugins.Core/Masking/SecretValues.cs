namespace Codex.Plugins.Masking;

/// <summary>
/// Masks a configuration value as read (string, array, inline table) for display: a value at a secret key path
/// (env, headers, query_params, *_token, password...) is masked whole, element by element when it is an array
/// (array-valued http_headers); an <c>args</c> list goes through <see cref="SecretArguments"/> (a secret after
/// <c>--password</c>); any other string goes through <see cref="SecretText.Mask"/>, so a password in a URL among args,
/// an access_token in a hook command or a key in agent instructions is masked too.
/// </summary>
public static class SecretValues
{
    public static object? Mask(IReadOnlyList<string> path, object? plain, out bool masked)
    {
        bool changed = false;
        bool whole = SecretPaths.IsSecret(path);
        if (!whole && path.Count > 0 && path[^1] == "args" && plain is object[] items && items.All(i => i is string))
        {
            // A command's arguments: a secret after --password is known by its place in the list.
            string[] args = items.Cast<string>().ToArray();
            string[] maskedArgs = SecretArguments.Mask(args);
            masked = !args.SequenceEqual(maskedArgs, StringComparer.Ordinal);
            return maskedArgs.Cast<object?>().ToArray();
        }

        object? result = MaskCore(plain, whole, ref changed);
        masked = changed;
        return result;
    }

    private static object? MaskCore(object? plain, bool whole, ref bool changed)
    {
        switch (plain)
        {
            case string s:
                string m = whole ? SecretMask.Apply(s) : SecretText.Mask(s);
                changed |= !string.Equals(m, s, StringComparison.Ordinal);
                return m;
            case object[] items:
                var copy = new object?[items.Length];
                for (int i = 0; i < items.Length; i++)
                {
                    copy[i] = MaskCore(items[i], whole, ref changed);
                }

                return copy;
            case IDictionary<string, object?> table:
                var result = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var pair in table)
                {
                    result[pair.Key] = MaskCore(pair.Value, whole || SecretPaths.IsSecret(new[] { pair.Key }), ref changed);
                }

                return result;
            default:
                return plain;
        }
    }
}
