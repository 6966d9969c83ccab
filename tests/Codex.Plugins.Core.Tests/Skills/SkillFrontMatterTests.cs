using Codex.Plugins.Diagnostics;
using Codex.Plugins.Skills;
using Xunit.Abstractions;

namespace Codex.Plugins.Tests.Skills;

public class SkillFrontMatterTests
{
    private readonly ITestOutputHelper _output;

    public SkillFrontMatterTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData("---\nname: a\ndescription: b\n---\nbody", "name: a\ndescription: b")]
    [InlineData("---\r\nname: a\r\ndescription: b\r\n---\r\n", "name: a\ndescription: b")]
    [InlineData("  ---  \nname: a\n ---\n", "name: a")]
    public void Extract_takes_the_lines_between_the_fences(string contents, string expected)
    {
        Assert.Equal(expected, SkillFrontMatter.Extract(contents));
    }

    [Theory]
    [InlineData("no front matter\n")]
    [InlineData("---\nname: a\ndescription: never closed\n")]
    [InlineData("---\n---\nbody\n")]
    [InlineData("\uFEFF---\nname: a\ndescription: b\n---\n")] // Codex does not skip a byte order mark
    [InlineData("\n---\nname: a\n---\n")]
    public void Extract_finds_none_where_codex_finds_none(string contents)
    {
        Assert.Null(SkillFrontMatter.Extract(contents));
    }

    [Theory]
    [InlineData("name: foo: bar\ndescription: x", "foo: bar", "x")]
    [InlineData("name: [oops\ndescription: x", "[oops", "x")]
    [InlineData("name: n\ndescription: {a: 1}", "n", "{a: 1}")]
    [InlineData("name: n\ndescription: {a: 1, b: [x}", "n", "{a: 1, b: [x}")]
    [InlineData("name: n\ndescription: @at", "n", "@at")]
    [InlineData("name: n\ndescription: a #b: c", "n", "a")]
    [InlineData("name: n\ndescription: >\n  folded: with colon\n  text", "n", "folded: with colon text")]
    [InlineData("name: 123\ndescription: true", "123", "true")]
    public void Values_yaml_refuses_are_read_as_text_like_codex_reads_them(string yaml, string name, string description)
    {
        SkillFrontMatterFields? fields = SkillFrontMatter.Parse(yaml, out SkillFrontMatterError? error);
        Assert.Null(error);
        Assert.Equal(name, fields!.Name);
        Assert.Equal(description, SkillText.SingleLine(fields.Description!));
    }

    [Theory]
    [InlineData("name: n\ndescription: [a, b]", "description: invalid type: sequence")]
    [InlineData("name: n\ndescription: {a}", "description: invalid type: map")]
    [InlineData("name: n\ndescription: \"unterminated", "invalid YAML")]
    [InlineData("name: n\nname: m\ndescription: x", "invalid YAML")]
    [InlineData("- a\n- b", "invalid type: sequence, expected struct")]
    [InlineData("name: n\ndescription: x\nmetadata: 5", "metadata: invalid type")]
    [InlineData("name: *missing\ndescription: x", "invalid YAML")]
    public void Values_codex_refuses_are_errors_with_the_front_matter_invalid_id(string yaml, string message)
    {
        Assert.Null(SkillFrontMatter.Parse(yaml, out SkillFrontMatterError? error));
        Assert.Equal(ErrorIds.SkillFrontMatterInvalid, error!.ErrorId);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_and_missing_values_leave_the_field_unset()
    {
        SkillFrontMatterFields? fields = SkillFrontMatter.Parse("name: ~\ndescription:\nmetadata:\n  short-description: s", out _);
        Assert.Null(fields!.Name);
        Assert.Null(fields.Description);
        Assert.Equal("s", fields.ShortDescription);
    }

    [Theory]
    [InlineData("name: a\ndescription: b")]
    [InlineData("name: pdf-tools\ndescription: Read, split and merge PDFs [with qpdf] {fast}, 100% local")]
    [InlineData("description: Use when the user asks about http://example.com/a:b?c=d#frag\nname: web_fetch")]
    [InlineData("name: null\ndescription: NULL")]
    [InlineData("name: Null\nlicense: MIT\nallowed-tools: Bash\ndescription: x's \"quoted\" words & more!")]
    [InlineData("\nname: a\n\ndescription: two  inner  spaces   \n")]
    [InlineData("name: 123\ndescription: true")]
    [InlineData("name: café\ndescription: naïve — résumé ✓")]
    public void Plain_lines_read_without_yaml_give_the_yaml_answer(string frontMatter)
    {
        SkillFrontMatterFields? plain = SkillFrontMatter.ParsePlainLines(frontMatter);
        Assert.NotNull(plain);
        Assert.Equal(SkillFrontMatter.ParseFullYaml(frontMatter, out SkillFrontMatterError? error), plain);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("name: foo: bar\ndescription: x")]
    [InlineData("name: n\ndescription: a #b: c")]
    [InlineData("name: n\ndescription: ends with:")]
    [InlineData("name: n\nname: m\ndescription: x")]
    [InlineData("name: n\ndescription: x\nmetadata: 5")]
    [InlineData("name: ~\ndescription: x")]
    [InlineData("name: n\ndescription:")]
    [InlineData("name: n\ndescription: 'quoted'")]
    [InlineData("name: n\ndescription: >\n  folded")]
    [InlineData("name: n\ndescription: tab\there")]
    [InlineData("name: n\n  description: indented")]
    [InlineData("name: n\n# a comment\ndescription: x")]
    [InlineData("name : n\ndescription: x")]
    [InlineData("name: n\ndescription: -dash first")]
    [InlineData("name: n\ndescription: line\u2028separator")]
    [InlineData("name: n\ndescription: emoji \U0001F600")]
    public void Anything_but_plain_lines_is_left_to_yaml(string frontMatter)
    {
        Assert.Null(SkillFrontMatter.ParsePlainLines(frontMatter));
    }

    [Fact]
    public void Plain_lines_and_yaml_agree_on_generated_front_matter_built_from_the_characters_yaml_treats_specially()
    {
        // Lines made of pieces YAML reads as something other than text (null words, indicators, comments, nested keys,
        // separators, quotes, characters outside the printable set) mixed with ordinary words: wherever the plain read
        // answers, the YAML read must give the same fields and no error.
        string[] keys = { "name", "description", "license", "metadata", "Name", "x-y", "_k", " name", "#c", "-", "name ", "a.b" };
        string[] separators = { ": ", ": ", ": ", ":", ":  ", " : ", ":\t", "::" };
        string[] pieces =
        {
            "a", "Z9", "words here", "null", "Null", "NULL", "~", "true", "123", "0x1F", "2026-12-07", "-x", "- ", "x:y", " #c", "#", "a #",
            "b:", ":", "http://h/p?q=1#f", "[x", "{y}", "]", "'q'", "\"d\"", "caf\u00e9", "\u2014", "\u2028", "\u0085", "\u00A0",
            "\t", "  ", "&a", "*b", "!t", "%p", "@", "`", "|", ">", "?", ",", "\U0001F600", "\uFEFF", "x's", "a,b", "C#", "\r", "\u007F",
            "\uE000", "\uFFFD", "...", "---",
        };
        var random = new Random(20261207);
        int plain = 0;
        for (int i = 0; i < 20000; i++)
        {
            var lines = new List<string>();
            for (int l = random.Next(1, 5); l > 0; l--)
            {
                if (random.Next(8) == 0)
                {
                    lines.Add(string.Empty);
                    continue;
                }

                var value = new System.Text.StringBuilder();
                for (int p = random.Next(0, 4); p >= 0; p--)
                {
                    value.Append(random.Next(3) == 0 ? pieces[random.Next(pieces.Length)] : pieces[random.Next(3)]);
                }

                string key = random.Next(3) == 0 ? keys[random.Next(keys.Length)] : keys[random.Next(2)];
                lines.Add(key + separators[random.Next(separators.Length)] + value);
            }

            string frontMatter = string.Join('\n', lines);
            if (SkillFrontMatter.ParsePlainLines(frontMatter) is not { } fields)
            {
                continue;
            }

            plain++;
            SkillFrontMatterFields? yaml = SkillFrontMatter.ParseFullYaml(frontMatter, out SkillFrontMatterError? error);
            Assert.True(error is null && fields == yaml, $"plain read {fields}, YAML read {yaml} ({error?.Message}) of:\n{frontMatter}");
        }

        _output.WriteLine($"{plain} of 20000 generated front matters read as plain lines");
        Assert.True(plain > 2000);
    }

    [Fact]
    public void Plain_lines_and_yaml_agree_on_every_skill_of_the_curated_corpus()
    {
        string corpus = Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "corpora", "openai-plugins"));
        if (!Directory.Exists(corpus))
        {
            _output.WriteLine($"skipped: {corpus} is not beside this clone");
            return;
        }

        int plain = 0, total = 0;
        foreach (string file in Directory.EnumerateFiles(corpus, "SKILL.md", SearchOption.AllDirectories))
        {
            if (SkillFrontMatter.Extract(File.ReadAllText(file)) is not { } frontMatter)
            {
                continue;
            }

            total++;
            if (SkillFrontMatter.ParsePlainLines(frontMatter) is { } fields)
            {
                plain++;
                Assert.Equal(SkillFrontMatter.ParseFullYaml(frontMatter, out _), fields);
            }
        }

        _output.WriteLine($"{plain} of {total} front matters read as plain lines");
        Assert.True(total > 500);
        Assert.True(plain > 0);
    }

    private static string RepoRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Codex.Plugins.slnx")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir!;
    }
}
