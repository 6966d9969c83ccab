using Codex.Plugins.Diagnostics;
using Codex.Plugins.Skills;

namespace Codex.Plugins.Tests.Skills;

public class SkillFrontMatterTests
{
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
}
