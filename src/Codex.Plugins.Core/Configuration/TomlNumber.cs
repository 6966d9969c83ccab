using System.Globalization;

namespace Codex.Plugins.Configuration;

/// <summary>
/// What a number token of the subset means: a decimal integer (long) or a plain float (double). Hex, octal, binary,
/// inf, nan and dates are left to Tomlyn.
/// </summary>
internal static class TomlNumber
{
    /// <summary>The token's value; <see cref="TomlOutsideSubset"/> when it is not a number of the subset.</summary>
    public static object Parse(ReadOnlySpan<char> token)
    {
        int i = token.Length > 0 && token[0] is '+' or '-' ? 1 : 0;
        int intStart = i;
        if (!Digits(token, ref i, underscores: true))
        {
            throw new TomlOutsideSubset();
        }

        if (token[intStart] == '0' && i - intStart > 1)
        {
            // Leading zeros.
            throw new TomlOutsideSubset();
        }

        if (i == token.Length)
        {
            string digits = token.Contains('_') ? token.ToString().Replace("_", string.Empty, StringComparison.Ordinal) : token.ToString();
            return long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer) ? integer : throw new TomlOutsideSubset();
        }

        if (token.Contains('_'))
        {
            throw new TomlOutsideSubset();
        }

        bool fraction = false, exponent = false;
        if (token[i] == '.')
        {
            i++;
            fraction = Digits(token, ref i, underscores: false) ? true : throw new TomlOutsideSubset();
        }

        if (i < token.Length && token[i] is 'e' or 'E')
        {
            i++;
            if (i < token.Length && token[i] is '+' or '-')
            {
                i++;
            }

            exponent = Digits(token, ref i, underscores: false) ? true : throw new TomlOutsideSubset();
        }

        if (i != token.Length || !(fraction || exponent)
            || !double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) || !double.IsFinite(number))
        {
            throw new TomlOutsideSubset();
        }

        return number;
    }

    private static bool Digits(ReadOnlySpan<char> token, ref int i, bool underscores)
    {
        int start = i;
        while (i < token.Length && (char.IsAsciiDigit(token[i]) || underscores && token[i] == '_' && i > start && i + 1 < token.Length && char.IsAsciiDigit(token[i + 1]) && char.IsAsciiDigit(token[i - 1])))
        {
            i++;
        }

        return i > start;
    }
}
