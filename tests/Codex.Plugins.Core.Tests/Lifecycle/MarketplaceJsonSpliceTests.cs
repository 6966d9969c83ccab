using System.Text.Json.Nodes;
using Codex.Plugins.Diagnostics;
using Codex.Plugins.Marketplaces.Publishing;

namespace Codex.Plugins.Tests.Lifecycle;

public class MarketplaceJsonSpliceTests
{
    private const string FourSpaces = "{\n    \"name\": \"team\",\n    \"plugins\": [\n        {\"name\": \"a\", \"source\": \"./plugins/a\"},\n        {\n            \"name\": \"b\",\n            \"source\": \"./plugins/b\"\n        }\n    ],\n    \"interface\": {\"displayName\": \"Team\"}\n}\n";

    [Fact]
    public void Appending_keeps_every_other_byte_and_uses_the_file_s_indentation()
    {
        var splice = MarketplaceJsonSplice.Parse(FourSpaces, "m.json");
        string result = splice.WithEntry("c", new JsonObject { ["name"] = "c", ["source"] = "./plugins/c" });

        int end = FourSpaces.IndexOf("\n    ],", StringComparison.Ordinal);
        Assert.StartsWith(FourSpaces[..end], result);
        Assert.EndsWith(FourSpaces[end..], result);
        Assert.Contains(",\n        {\n            \"name\": \"c\",\n            \"source\": \"./plugins/c\"\n        }\n    ],", result);
        Assert.Equal(new[] { "a", "b", "c" }, MarketplaceJsonSplice.Parse(result, "m.json").EntryNames);
    }

    [Fact]
    public void Replacing_an_entry_touches_only_that_entry()
    {
        var splice = MarketplaceJsonSplice.Parse(FourSpaces, "m.json");
        JsonObject a = splice.Entry("a")!;
        a["category"] = "Tools";
        string result = splice.WithEntry("a", a);

        string before = FourSpaces.Replace("{\"name\": \"a\", \"source\": \"./plugins/a\"}", "@", StringComparison.Ordinal);
        string[] parts = before.Split('@');
        Assert.StartsWith(parts[0], result);
        Assert.EndsWith(parts[1], result);
        Assert.Contains("\"category\": \"Tools\"", result);
    }

    [Fact]
    public void An_empty_array_gets_its_first_entry_on_its_own_lines()
    {
        string text = "{\r\n  \"name\": \"x\",\r\n  \"plugins\": []\r\n}\r\n";
        string result = MarketplaceJsonSplice.Parse(text, "m.json").WithEntry("p", new JsonObject { ["name"] = "p" });
        Assert.Equal("{\r\n  \"name\": \"x\",\r\n  \"plugins\": [\r\n    {\r\n      \"name\": \"p\"\r\n    }\r\n  ]\r\n}\r\n", result);
    }

    [Fact]
    public void Non_ascii_text_before_the_array_keeps_offsets_right()
    {
        string text = "{ \"name\": \"ü-mk\", \"interface\": { \"displayName\": \"Équipe 🚀\" }, \"plugins\": [ { \"name\": \"a\" } ] }";
        string result = MarketplaceJsonSplice.Parse(text, "m.json").WithEntry("b", new JsonObject { ["name"] = "b" });
        Assert.StartsWith("{ \"name\": \"ü-mk\", \"interface\": { \"displayName\": \"Équipe 🚀\" }, \"plugins\": [ { \"name\": \"a\" }", result);
        Assert.Equal(new[] { "a", "b" }, MarketplaceJsonSplice.Parse(result, "m.json").EntryNames);
    }

    [Theory]
    [InlineData("{ \"name\": \"x\", \"plugins\": [ }", 1)]
    [InlineData("{ \"plugins\": [] }", 1)]
    [InlineData("{\n  \"name\": \"x\",\n  \"plugins\": {}\n}", 1)]
    public void What_codex_cannot_read_is_refused_with_where(string text, int line)
    {
        var ex = Assert.Throws<CodexIssueException>(() => MarketplaceJsonSplice.Parse(text, "m.json"));
        Assert.Equal(ErrorIds.MarketplaceManifestInvalid, ex.Issue.ErrorId);
        Assert.Equal(line, ex.Issue.Line);
    }
}
