using PhoneNumbers;

namespace Codex.Plugins.Masking.Detection;

/// <summary>
/// Phone numbers are validated by libphonenumber (Google's numbering-plan data) rather than a regex alone: a
/// candidate must be a valid number for its country (length and prefixes), so version strings, dates, order numbers
/// and timestamps that look like digit groups are left alone. International numbers (+CC) are checked as written;
/// numbers without a country code only count next to a word such as "phone" and are tried against a few regions.
/// </summary>
public static class PhoneNumberValidator
{
    private static readonly string[] FallbackRegions = { "US", "GB", "DE", "FR", "IN", "AU", "CA", "NL", "ES", "IT", "BR", "JP" };
    private static readonly Lazy<PhoneNumberUtil> Util = new(PhoneNumberUtil.GetInstance);

    public static bool IsPhoneNumber(string candidate)
    {
        string digits = Validators.DigitsOnly(candidate);
        if (digits.Length is < 7 or > 15 || digits.Distinct().Count() < 3)
        {
            return false;
        }

        PhoneNumberUtil util = Util.Value;
        try
        {
            if (candidate.TrimStart().StartsWith('+'))
            {
                return util.IsValidNumber(util.Parse(candidate, null));
            }

            foreach (string region in FallbackRegions)
            {
                if (util.IsValidNumber(util.Parse(candidate, region)))
                {
                    return true;
                }
            }
        }
        catch (NumberParseException)
        {
        }

        return false;
    }
}
