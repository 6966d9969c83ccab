using Codex.Plugins.Masking.Detection;

namespace Codex.Plugins.Tests.Masking;

/// <summary>
/// The keyword search tests eight positions at a time where the CPU can, and one at a time for the rest: a keyword is
/// found at every offset (so in every lane and across the hand-over to the scalar tail), in any letter case, next to
/// non-ASCII text, and characters that are a keyword's letters plus 128 or 256 (same low bits) never count.
/// </summary>
public sealed class KeywordIndexTests
{
    private static readonly IReadOnlyList<SecretDetector> Detectors = SecretScanner.Select(SecretScanOptions.SecretsAndPersonalData);
    private static readonly KeywordIndex Index = new(Detectors);

    public static IEnumerable<object[]> Keywords() =>
        Detectors.SelectMany(d => d.LowerKeywords.Select(k => (d.Id, k))).Where(p => p.k.All(c => c < 128)).Distinct()
            .Select(p => new object[] { p.Id, p.k });

    [Theory]
    [MemberData(nameof(Keywords))]
    public void A_keyword_is_found_at_every_offset_in_any_case_between_non_ASCII_text(string detector, string keyword)
    {
        int d = Detectors.Select((x, i) => (x, i)).First(p => p.x.Id == detector).i;
        string upper = keyword.ToUpperInvariant();
        for (int offset = 0; offset < 40; offset++)
        {
            foreach (string spelled in new[] { keyword, upper })
            {
                foreach (int after in new[] { 0, 1, 7, 30 })
                {
                    string text = new string('\u00e9', offset) + spelled + new string('\u4e2d', after);
                    List<int>? hits = Index.Find(text, positions: true)[d];
                    Assert.True(hits is not null && hits.Contains(offset), $"{keyword} as '{spelled}' at {offset} with {after} after");
                }
            }
        }
    }

    [Fact]
    public void Characters_that_share_a_keywords_low_bits_are_not_its_letters()
    {
        foreach (int shift in new[] { 128, 256, 0x4000, 0xDC00 - 'a' })
        {
            foreach (object[] row in Keywords())
            {
                string keyword = (string)row[1];
                string shifted = new(keyword.Select(c => (char)(c + shift)).ToArray());
                string text = string.Concat(Enumerable.Repeat(shifted + " ", 6));
                int d = Detectors.Select((x, i) => (x, i)).First(p => p.x.Id == (string)row[0]).i;
                List<int>? hits = Index.Find(text, positions: true)[d];
                Assert.True(hits is null || hits.All(h => !text.AsSpan(h).StartsWith(shifted, StringComparison.Ordinal)), $"{keyword} shifted by {shift}");
            }
        }
    }
}
