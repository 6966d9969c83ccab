using System.Text;
using Codex.Plugins.Configuration;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Tests.Support;

namespace Codex.Plugins.Tests.Configuration;

/// <summary>One bad byte or one deep value is one issue for that file, never an exception that ends a pipeline.</summary>
public sealed class ReaderHardeningTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    public void Invalid_utf8_inside_a_json_string_is_an_issue_for_that_file_with_its_place(byte[] bad)
    {
        byte[] bytes = Encoding.UTF8.GetBytes("{\n  \"name\": \"a").Concat(bad).Concat(Encoding.UTF8.GetBytes("b\"\n}\n")).ToArray();
        var ex = Assert.Throws<CodexIssueException>(() => JsonFileReader.Parse(bytes, "plugin.json", ErrorIds.PluginManifestInvalid));
        Assert.Equal(ErrorIds.PluginManifestInvalid, ex.Issue.ErrorId);
        Assert.Equal(2, ex.Issue.Line);
        Assert.Equal("plugin.json", ex.Issue.File);
    }

    [Fact]
    public void A_byte_that_is_no_json_at_all_is_an_issue_too()
    {
        byte[] bytes = new byte[] { 0xFF }.Concat(Encoding.UTF8.GetBytes("{\"hooks\":{}}")).ToArray();
        var ex = Assert.Throws<CodexIssueException>(() => JsonFileReader.Parse(bytes, "hooks.json", ErrorIds.HookFileInvalid));
        Assert.Equal(ErrorIds.HookFileInvalid, ex.Issue.ErrorId);
    }

    [Fact]
    public void Columns_are_counted_in_characters_on_a_file_written_on_one_line()
    {
        // 20,000 entries on one line: the position of the bad entry is still exact (and found in one pass).
        var text = new StringBuilder("{\"plugins\":[");
        for (int i = 0; i < 20000; i++)
        {
            text.Append("{\"name\":\"é").Append(i).Append("\"},");
        }

        string prefix = text.ToString();
        byte[] bytes = Encoding.UTF8.GetBytes(prefix + "{\"name\": 1 2}]}");
        var ex = Assert.Throws<CodexIssueException>(() => JsonFileReader.Parse(bytes, "marketplace.json", ErrorIds.MarketplaceManifestInvalid));
        Assert.Equal(1, ex.Issue.Line);
        Assert.True(ex.Issue.Column > prefix.Length, $"column {ex.Issue.Column} should point past {prefix.Length} characters");

        TomlTableNode doc = JsonFileReader.Parse(Encoding.UTF8.GetBytes(prefix.TrimEnd(',') + "]}"), "marketplace.json", ErrorIds.MarketplaceManifestInvalid);
        var last = (TomlTableNode)((TomlArrayNode)doc["plugins"]!).Items[^1];
        Assert.Equal(1, last.Location.Line);
        Assert.Equal(prefix.TrimEnd(',').LastIndexOf("{\"name\"", StringComparison.Ordinal) + 2, last["name"]!.Location.Column);
    }

    [Theory]
    [InlineData("array")]
    [InlineData("inline")]
    public void Values_nested_80_deep_are_read_as_codex_reads_them_and_81_is_one_parse_error(string kind)
    {
        static string Nested(string kind, int depth) => kind == "array"
            ? new string('[', depth) + "1" + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{ a = ", depth)) + "1" + string.Concat(Enumerable.Repeat(" }", depth));

        TomlFile file = TomlFileReader.ParseText($"x = {Nested(kind, 80)}\n", "config.toml");
        Assert.NotNull(file.Root["x"]);

        var ex = Assert.Throws<CodexIssueException>(() => TomlFileReader.ParseText($"# deep\nx = {Nested(kind, 81)}\n", "config.toml"));
        Assert.Equal(ErrorIds.ConfigParseError, ex.Issue.ErrorId);
        Assert.Equal(2, ex.Issue.Line);
        // codex names the bracket that opens the 81st level.
        Assert.Equal(kind == "array" ? 4 + 81 : 4 + (80 * 6) + 1, ex.Issue.Column);
        Assert.Contains("cannot recurse further", ex.Issue.Message);
    }

    [Fact]
    public void A_file_nested_70_deep_can_still_be_edited()
    {
        string path = tree.Write("cfg/config.toml", $"x = {new string('[', 70)}1{new string(']', 70)}\nmodel = \"a\"\n");
        ConfigEdit edit = ConfigEdit.Open(path);
        edit.Set("model", "b");
        edit.Commit();
        Assert.EndsWith("model = \"b\"\n", File.ReadAllText(path));
    }
}
