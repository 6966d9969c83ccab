using System.Reflection;
using System.Text;
using Codex.Plugins.Masking.Detection;

namespace Codex.Plugins.Tests.Masking;

/// <summary>
/// The keyword pre-filter decides where each detector's pattern runs on long text (only around its keywords' hits) and
/// whether it runs at all on short text. These tests hold it to one promise: a secret is found exactly as it is found on
/// its own, wherever it sits in a long text (first character, last character, among many others), whatever the letter
/// case of its keyword, and whatever non-ASCII text surrounds it. The samples are the per-detector true positives of
/// <see cref="DetectorTests"/>, so a detector added there is covered here too.
/// </summary>
public sealed class KeywordPrefilterTests
{
    private static readonly SecretScanner All = new(SecretScanOptions.SecretsAndPersonalData);

    // Prose, log and JSON lines without a secret, long enough (past the scanner's 8 KiB whole-text limit) that the
    // patterns run only around keyword hits; the common words of credentials (token, key, password) occur in it.
    private static readonly string Filler = BuildFiller(20_000);

    public static IEnumerable<object[]> Samples()
    {
        MethodInfo method = typeof(DetectorTests).GetMethod(nameof(DetectorTests.Finds_the_secret_and_only_the_secret))!;
        return method.GetCustomAttributes<InlineDataAttribute>().SelectMany(a => a.GetData(method));
    }

    [Fact]
    public void The_filler_alone_holds_nothing_to_find()
    {
        Assert.Empty(All.Scan(Filler));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_sample_is_found_the_same_at_the_start_in_the_middle_and_at_the_end_of_a_long_text(string detector, string sample, string secret)
    {
        var alone = Found(All.Scan(sample), shift: 0);
        Assert.Contains((detector, secret, sample.IndexOf(secret, StringComparison.Ordinal)), alone.Select(a => (a.Detector, a.Value, a.Start)));

        int middle = Filler.IndexOf('\n', Filler.Length / 2) + 1;
        foreach ((string before, string after) in new[]
        {
            (string.Empty, "\n" + Filler),
            (Filler[..middle], "\n" + Filler[middle..]),
            (Filler + "\n", string.Empty),
        })
        {
            var inLong = Found(All.Scan(before + sample + after), shift: -before.Length);
            Assert.Equal(alone, inLong);
        }
    }

    [Fact]
    public void Every_sample_in_one_long_text_is_found_as_it_is_alone()
    {
        var text = new StringBuilder();
        var expected = new List<(string, string, int)>();
        foreach (object[] row in Samples())
        {
            string sample = (string)row[1];
            text.Append(Filler, 0, 600).Append('\n');
            expected.AddRange(Found(All.Scan(sample), shift: text.Length));
            text.Append(sample).Append('\n');
        }

        text.Append(Filler);
        Assert.True(text.Length > 8192 * 4);
        Assert.Equal(expected, Found(All.Scan(text.ToString()), shift: 0));
    }

    [Theory]
    [InlineData("DB_PASSWORD: hunter2-Xy7", "hunter2-Xy7")]
    [InlineData("Db_PaSsWoRd: hunter2-Xy7", "hunter2-Xy7")]
    [InlineData("AUTHORIZATION: BEARER Xy7zW3vU5tS1rQ9pO2nM4lK6", "Xy7zW3vU5tS1rQ9pO2nM4lK6")]
    [InlineData("CLIENT_SECRET = \"q8Zr3vT7kL9mW2xR7pN4\"", "q8Zr3vT7kL9mW2xR7pN4")]
    [InlineData("Contraseña: Xy7zW3vU5t!", "Xy7zW3vU5t!")]
    [InlineData("COOKIE: session=Xy7zW3vU5tS1rQ9pO2nM; theme=dark", "Xy7zW3vU5tS1rQ9pO2nM")]
    public void A_keyword_in_any_letter_case_lets_its_pattern_run_on_short_and_long_text(string line, string secret)
    {
        Assert.Contains(All.Scan(line), m => m.Value == secret);
        Assert.Contains(All.Scan(Filler + "\n" + line + "\n" + Filler), m => m.Value == secret);
    }

    [Theory]
    [InlineData("Kelvin \u212A and dotted \u0130 then token: ghp_Z8x7W6v5U4t3S2r1Q0pOnMlKjIhGfEdCbA9z", "ghp_Z8x7W6v5U4t3S2r1Q0pOnMlKjIhGfEdCbA9z")]
    [InlineData("\U0001F511 passwort/パスワード/password: Sup3r-S3cret-\u00FC\u00DF", "Sup3r-S3cret-\u00FC\u00DF")]
    [InlineData("\u00A0\u2028curl -u deploy:Xy7zW3vU5t https://example.io", "Xy7zW3vU5t")]
    public void Non_ascii_text_around_a_keyword_does_not_hide_it(string line, string secret)
    {
        Assert.Contains(All.Scan(line), m => m.Value == secret);
        Assert.Contains(All.Scan(Filler + "\n" + line + "\n" + Filler), m => m.Value == secret);
    }

    [Fact]
    public void A_keyword_cut_off_by_the_end_of_the_text_is_no_hit_and_breaks_nothing()
    {
        // The anchor of "authorization" (its z) is near the end of the text, but the keyword would run past it.
        foreach (string tail in new[] { "authoriz", "Authorizat", "ghp", "-----BEGIN RSA PRIVATE K", "sk-an" })
        {
            Assert.Empty(All.Scan(Filler + "\n" + tail));
            Assert.Empty(All.Scan(tail));
        }
    }

    [Fact]
    public void Hits_found_for_regions_stop_where_regions_scan_the_whole_text_and_give_the_same_regions()
    {
        // Prose thick with one detector's keyword and thin with others': every detector gets the regions it gets from
        // all of its hits, and none is given more than one hit past the point where the whole text is scanned.
        IReadOnlyList<SecretDetector> detectors = All.Detectors;
        string[] keywords = detectors.SelectMany(d => d.Keywords).Distinct().ToArray();
        var random = new Random(7);
        var text = new StringBuilder();
        while (text.Length < 100_000)
        {
            text.Append(random.Next(10) == 0 ? keywords[random.Next(keywords.Length)] : "token ").Append("words and more words ");
        }

        string s = text.ToString();
        var index = new KeywordIndex(detectors);
        List<int>?[] all = index.Find(s, positions: true);
        List<int>?[] capped = index.Find(s, positions: true, forRegions: true);
        int whole = 0;
        for (int d = 0; d < detectors.Count; d++)
        {
            Assert.Equal(all[d] is null, capped[d] is null);
            Assert.True(capped[d] is null || capped[d]!.Count <= s.Length / 64 + 1);
            whole += all[d] is { } list && list.Count > s.Length / 64 ? 1 : 0;
            Assert.Equal(KeywordIndex.Regions(s.Length, all[d], detectors[d]).ToList(), KeywordIndex.Regions(s.Length, capped[d], detectors[d]).ToList());
        }

        Assert.True(whole > 0, "no detector had hits enough to scan the whole text");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_one_pass_search_finds_every_keyword_occurrence_a_plain_search_finds(int seed)
    {
        // Text woven from pieces of every keyword (whole, cut short, case flipped) and random ASCII, so the pairs and
        // following pairs the search files keywords by occur everywhere, whole keywords and near-misses alike.
        IReadOnlyList<SecretDetector> detectors = All.Detectors;
        string[] keywords = detectors.SelectMany(d => d.Keywords).Distinct().ToArray();
        var random = new Random(seed);
        var text = new StringBuilder();
        while (text.Length < 200_000)
        {
            string keyword = keywords[random.Next(keywords.Length)];
            string piece = random.Next(3) == 0 ? keyword[..random.Next(1, keyword.Length + 1)] : keyword;
            foreach (char c in piece)
            {
                text.Append(random.Next(2) == 0 ? char.ToUpperInvariant(c) : c);
            }

            for (int n = random.Next(4); n > 0; n--)
            {
                text.Append((char)random.Next(32, 127));
            }
        }

        string s = text.ToString();
        List<int>?[] hits = new KeywordIndex(detectors).Find(s, positions: true);
        for (int d = 0; d < detectors.Count; d++)
        {
            var expected = new List<int>();
            foreach (string keyword in detectors[d].Keywords)
            {
                for (int at = s.IndexOf(keyword, StringComparison.OrdinalIgnoreCase); at >= 0; at = s.IndexOf(keyword, at + 1, StringComparison.OrdinalIgnoreCase))
                {
                    expected.Add(at);
                }
            }

            expected.Sort();
            List<int> actual = hits[d] is { } list ? list.Order().ToList() : new List<int>();
            Assert.True(expected.SequenceEqual(actual), $"{detectors[d].Id}: {expected.Count} occurrence(s) of its keywords, {actual.Count} found");
        }
    }

    private static List<(string Detector, string Value, int Start)> Found(IEnumerable<SecretMatch> matches, int shift) =>
        matches.Select(m => (m.Detector.Id, m.Value, m.Start + shift)).ToList();

    private static string BuildFiller(int length)
    {
        string[] lines =
        {
            "The build finished and the report was written to the shared folder for review.",
            "{\"type\":\"event_msg\",\"payload\":{\"type\":\"agent_message\",\"message\":\"Counting tokens before the next turn\"}}",
            "2026-12-01T10:00:04Z INFO request GET /api/v1/items/4411 200 83ms",
            "Rotate the key every quarter; the password policy lives in the handbook, chapter four.",
            "model = \"gpt-5-codex\"",
            "Die Übersicht zeigt alle Einträge; 日本語のログも混ざっています。",
        };
        var builder = new StringBuilder(length + 200);
        for (int i = 0; builder.Length < length; i++)
        {
            builder.Append(lines[i % lines.Length]).Append('\n');
        }

        return builder.ToString(0, builder.Length - 1);
    }
}
