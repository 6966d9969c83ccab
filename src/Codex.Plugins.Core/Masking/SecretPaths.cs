namespace Codex.Plugins.Masking;

/// <summary>
/// Which configuration values are secrets. Env values, header values and inline tokens are; the keys that only
/// name an environment variable (<c>bearer_token_env_var</c>, <c>env_http_headers</c>, <c>env_vars</c>) are not.
/// </summary>
public static class SecretPaths
{
    private static readonly string[] SecretWords = { "token", "secret", "password", "passwd", "api_key", "apikey", "credential", "private_key", "authorization", "cookie" };

    /// <summary>True when a name (a key, an environment variable, a header) says its value is a secret.</summary>
    public static bool IsSecretName(string name)
    {
        string lower = name.ToLowerInvariant();
        return SecretWords.Any(w => lower.Contains(w, StringComparison.Ordinal));
    }

    /// <summary>
    /// True when an HTTP header's name says its value is a secret: a secret name, or any header naming a key
    /// (X-Api-Key, X-Goog-Api-Key), whose value is a credential whatever the spelling.
    /// </summary>
    public static bool IsSecretHeaderName(string name) => IsSecretName(name) || name.Contains("key", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the value at this key path holds a secret.</summary>
    public static bool IsSecret(IReadOnlyList<string> path)
    {
        if (path.Count == 0)
        {
            return false;
        }

        string key = path[^1];
        if (path.Count >= 2)
        {
            string parent = path[^2];
            if (parent is "env" or "http_headers" or "headers" or "query_params")
            {
                return true;
            }

            if (parent is "env_http_headers")
            {
                return false;
            }
        }

        string lower = key.ToLowerInvariant();
        if (lower.EndsWith("_env_var", StringComparison.Ordinal) || lower.EndsWith("_env", StringComparison.Ordinal) || lower is "env_vars")
        {
            return false;
        }

        return IsSecretName(key);
    }
}
