namespace Codex.Plugins.Masking;

/// <summary>
/// Masks secret values for display. The mask says only that a value is there; it keeps neither length nor any
/// character of the secret, so nothing can be guessed from it. Codex's own text output uses the same five stars.
/// </summary>
public static class SecretMask
{
    public const string Mask = "*****";

    public static string Apply(string? value) => string.IsNullOrEmpty(value) ? string.Empty : Mask;

    /// <summary>The map with every value masked (keys are names, never secrets).</summary>
    public static IReadOnlyDictionary<string, string> Apply(IReadOnlyDictionary<string, string> values, bool includeSecret)
    {
        if (includeSecret)
        {
            return values;
        }

        var masked = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in values)
        {
            masked[pair.Key] = Apply(pair.Value);
        }

        return masked;
    }
}
