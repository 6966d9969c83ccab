using System.Text;
using Codex.Plugins.Configuration;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Tests.Configuration;

public class TomlFileReaderTests
{
    private static TomlFile Parse(string text) => TomlFileReader.Parse(Encoding.UTF8.GetBytes(text), "/x/config.toml");

    private static CodexIssue Refused(byte[] bytes) =>
        Assert.Throws<CodexIssueException>(() => TomlFileReader.Parse(bytes, "/x/config.toml")).Issue;

    [Fact]
    public void Every_value_knows_its_line_and_column()
    {
        TomlFile file = Parse("# c\nmodel = \"gpt\"\n\n[mcp_servers.git]\ncommand = \"npx\"\n  args = [\"-y\"]\n");
        TomlNode model = ConfigStack.Get(file.Root, new[] { "model" })!;
        TomlNode args = ConfigStack.Get(file.Root, new[] { "mcp_servers", "git", "args" })!;
        Assert.Equal((2, 1), (model.Location.Line, model.Location.Column));
        Assert.Equal((6, 3), (args.Location.Line, args.Location.Column));
        Assert.Equal(4, file.Root.Table("mcp_servers")!.Table("git")!.Location.Line);
    }

    [Fact]
    public void Dotted_quoted_inline_and_array_of_tables_keys_all_resolve()
    {
        TomlFile file = Parse("a.b.c = 1\n[plugins.\"github@team\"]\nenabled = false\n[x]\nh = { \"X-Key\" = \"v\", n.m = 2 }\n[[skills.config]]\npath = \"/p\"\n[[skills.config]]\nname = \"n\"\n");
        Assert.Equal(1L, ((TomlValueNode)ConfigStack.Get(file.Root, new[] { "a", "b", "c" })!).Value);
        Assert.Equal(false, ((TomlValueNode)ConfigStack.Get(file.Root, new[] { "plugins", "github@team", "enabled" })!).Value);
        Assert.Equal("v", ((TomlValueNode)ConfigStack.Get(file.Root, new[] { "x", "h", "X-Key" })!).Value);
        Assert.Equal(2L, ((TomlValueNode)ConfigStack.Get(file.Root, new[] { "x", "h", "n", "m" })!).Value);
        var skills = (TomlArrayNode)ConfigStack.Get(file.Root, new[] { "skills", "config" })!;
        Assert.True(skills.IsTableArray);
        Assert.Equal(2, skills.Items.Count);
        Assert.Equal(8, skills.Items[1].Location.Line);
    }

    [Fact]
    public void A_bom_at_the_start_is_accepted_and_remembered()
    {
        byte[] bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("a = 1\n")).ToArray();
        TomlFile file = TomlFileReader.Parse(bytes, "/x/config.toml");
        Assert.True(file.HasBom);
        Assert.Equal((1, 1), (file.Root["a"]!.Location.Line, file.Root["a"]!.Location.Column));
    }

    [Fact]
    public void A_bom_inside_the_file_is_refused_with_its_position()
    {
        CodexIssue issue = Refused(Encoding.UTF8.GetBytes("a = 1\n\uFEFF[b]\n"));
        Assert.Equal(ErrorIds.ConfigEncodingInvalid, issue.ErrorId);
        // codex 0.169.0 says "config.toml:2:2": the character after the BOM.
        Assert.Equal((2, 2), (issue.Line, issue.Column));
        Assert.StartsWith("TOML parse error at line 2, column 2:", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_bom_after_the_first_is_refused_where_codex_points()
    {
        CodexIssue issue = Refused(new byte[] { 0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("a = 1\n")).ToArray());
        Assert.Equal(ErrorIds.ConfigEncodingInvalid, issue.ErrorId);
        Assert.Equal((1, 4), (issue.Line, issue.Column));
    }

    [Fact]
    public void A_bom_inside_a_string_is_just_a_character()
    {
        TomlFile file = Parse("a = \"x\uFEFFy\"\n");
        Assert.Equal("x\uFEFFy", (file.Root["a"] as TomlValueNode)!.Value);
    }

    [Fact]
    public void Crlf_files_read_like_lf_files()
    {
        TomlFile file = Parse("a = 1\r\n[t]\r\nb = \"x\"\r\n");
        Assert.Equal(3, file.Root.Table("t")!["b"]!.Location.Line);
    }

    [Fact]
    public void Utf16_and_invalid_utf8_are_refused()
    {
        Assert.Equal(ErrorIds.ConfigEncodingInvalid, Refused(new byte[] { 0xFF, 0xFE, 0x61, 0x00 }).ErrorId);
        CodexIssue bad = Refused(Encoding.UTF8.GetBytes("a = 1\nb = \"").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\"\n")).ToArray());
        Assert.Equal(ErrorIds.ConfigEncodingInvalid, bad.ErrorId);
        Assert.Equal(2, bad.Line);
    }

    [Theory]
    [InlineData("a = \n", 1)]
    [InlineData("ok = 1\n[t\n", 2)]
    [InlineData("\nclé = 1\n", 2)]
    [InlineData("a = 1\na = 2\n", 2)]
    public void Parse_errors_carry_line_and_column(string text, int line)
    {
        CodexIssue issue = Refused(Encoding.UTF8.GetBytes(text));
        Assert.Equal(ErrorIds.ConfigParseError, issue.ErrorId);
        Assert.Equal(line, issue.Line);
        Assert.NotNull(issue.Column);
        Assert.Contains($"line {line}", issue.Message);
    }

    [Fact]
    public void The_first_error_in_the_text_is_reported_as_codex_reports_it()
    {
        // codex 0.169.0: config.toml:3:22: unclosed array (Tomlyn also reports the end of file, first in its list).
        CodexIssue issue = Refused(Encoding.UTF8.GetBytes("[mcp_servers.a]\ncommand = \"x\"\nargs = [\"unterminated\n"));
        Assert.Equal((3, 22), (issue.Line, issue.Column));
    }

    [Fact]
    public void An_empty_file_is_an_empty_table()
    {
        Assert.Equal(0, Parse(string.Empty).Root.Count);
    }

    [Fact]
    public void Toml_1_1_inline_tables_with_newlines_and_trailing_commas_read_as_codex_reads_them()
    {
        TomlFile file = Parse("t = {\n  a = 1,\n  b = 2,\n}\n");
        Assert.Equal(2, file.Root.Table("t")!.Count);
    }

    [Fact]
    public void A_folder_where_the_file_should_be_is_a_read_error()
    {
        string dir = Path.Combine(Path.GetTempPath(), "codex-plugins-tests", Guid.NewGuid().ToString("N"), "config.toml");
        Directory.CreateDirectory(dir);
        CodexIssue issue = Assert.Throws<CodexIssueException>(() => TomlFileReader.Read(dir)).Issue;
        Assert.Equal(ErrorIds.ConfigIsDirectory, issue.ErrorId);
        Assert.Equal(dir, issue.File);
    }
}
