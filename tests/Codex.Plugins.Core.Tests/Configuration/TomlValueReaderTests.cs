using System.Text;
using Codex.Plugins.Configuration;
using Codex.Plugins.Configuration.Editing;
using Codex.Plugins.Tests.Editing;
using Codex.Plugins.Tests.Support;
using Tomlyn.Syntax;
using Xunit.Abstractions;

namespace Codex.Plugins.Tests.Configuration;

/// <summary>
/// The value reader that skips Tomlyn's syntax tree is held to Tomlyn on everything it answers: the same nodes
/// (keys in order, types, values, locations) for every document it reads, and no answer at all for a document
/// Tomlyn refuses, so the error still comes from Tomlyn with its line and column.
/// </summary>
public class TomlValueReaderTests
{
    private readonly ITestOutputHelper output;

    public TomlValueReaderTests(ITestOutputHelper output) => this.output = output;

    [CorpusFact]
    public void Every_valid_toml_test_document_it_reads_gives_the_nodes_of_tomlyns_tree()
    {
        int read = 0, total = 0;
        var failures = new List<string>();
        foreach (string file in TomlTestCorpus.Files("valid"))
        {
            total++;
            string text = Encoding.UTF8.GetString(File.ReadAllBytes(file));
            if (TomlValueReader.Read(text, file) is not { } values)
            {
                continue;
            }

            read++;
            if (Difference(FromTomlyn(text, file), values) is { } difference)
            {
                failures.Add($"{Path.GetFileName(file)}: {difference}");
            }
        }

        output.WriteLine($"{read} of {total} valid documents read without the syntax tree");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(read > 60, $"only {read} documents were read");
    }

    [CorpusFact]
    public void Every_invalid_toml_test_document_is_left_to_tomlyn()
    {
        int total = 0;
        var accepted = new List<string>();
        foreach (string file in TomlTestCorpus.Files("invalid"))
        {
            total++;
            byte[] bytes = File.ReadAllBytes(file);
            string text;
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                continue;
            }

            if (text.StartsWith('\uFEFF'))
            {
                text = text[1..];
            }

            if (TomlValueReader.Read(text, file) is not null)
            {
                accepted.Add(Path.GetRelativePath(TomlTestCorpus.Root!, file));
            }
        }

        Assert.True(accepted.Count == 0, "Read though TOML refuses them: " + string.Join(", ", accepted));
        Assert.True(total > 300, $"only {total} invalid documents");
    }

    [Fact]
    public void A_config_with_every_form_of_the_subset_reads_as_tomlyn_reads_it()
    {
        const string Toml = "#:schema https://example.com/schema.json\r\n"
            + "model = \"gpt-5\"  # trailing comment\r\n"
            + "approval_policy = 'on-request'\n"
            + "\"quoted key\" = -0\n"
            + "site.\"google.com\" = true\n"
            + "numbers = [ 1, +2, -3_000, 0, 1.5, -0.0, 6.02e23, 1E-3, 9223372036854775807 ]\n"
            + "nested = [ [1, 2], [\"a\", 'b'], [], [ { x = 1 } ] ]\n"
            + "multi = [\n  \"one\",  # first\n\n  \"two\",\n]\n"
            + "escapes = \"tab\\there \\\"q\\\" back\\\\slash \\u00e9 \\U0001F600 caf\u00e9 \u2014 \U0001F680\"\n"
            + "\n[mcp_servers.docs]\n"
            + "command = \"npx\"\n"
            + "args = [\"-y\", \"@scope/pkg\"]\n"
            + "env = { API_KEY = \"k\", nested.deep = 1, \"x y\" = { } }\n"
            + "tools.search.approval_mode = \"approve\"\n"
            + "tools.fetch = { approval_mode = \"prompt\" }\n"
            + "  [mcp_servers.docs.env_http]\n"
            + "\tX = \"y\"\n"
            + "[ mcp_servers . 'literal.name' ]\n"
            + "url = \"https://h\"\n"
            + "[[agents]]\nname = \"a\"\n[agents.extra]\nk = 1\n[[agents]]\nname = \"b\"\n"
            + "[plugins.\"p@m\"]\nenabled = false\n"
            + "[a.b.c]\n[a]\nx = 1\n"
            + "[d]\nx.y = 1\nz = {}\nx.w = 2\n";
        TomlTableNode? values = TomlValueReader.Read(Toml, "/c.toml");
        Assert.NotNull(values);
        Assert.Null(Difference(FromTomlyn(Toml, "/c.toml"), values!));
    }

    [Theory]
    [InlineData("s = \"\"\"multi\nline\"\"\"")]
    [InlineData("s = '''multi'''")]
    [InlineData("d = 1979-05-27T07:32:00Z")]
    [InlineData("d = 1979-05-27")]
    [InlineData("h = 0xFF")]
    [InlineData("f = inf")]
    [InlineData("f = 1_000.5")]
    [InlineData("e = \"\\e\"")]
    [InlineData("t = { a = 1, }")]
    [InlineData("t = { a = 1,\n b = 2 }")]
    [InlineData("[a]\nb.c = 1\n[a.b.d]")]
    public void Valid_toml_outside_the_subset_is_left_to_tomlyn_which_reads_it(string toml)
    {
        Assert.Null(TomlValueReader.Read(toml, "/c.toml"));
        Assert.NotNull(TomlFileReader.ParseText(toml, "/c.toml").Root);
    }

    [Fact]
    public void Generated_documents_from_pieces_toml_treats_specially_read_as_tomlyn_reads_them_or_not_at_all()
    {
        // Lines assembled from valid and invalid pieces (keys redefined through headers, dotted keys and arrays of tables,
        // numbers at the edges, escapes, control characters, stray separators): wherever the reader answers, Tomlyn
        // must accept the document and build the same nodes.
        string[] lines =
        {
            "a = 1", "a = 2", "b = \"x\"", "a.b = 1", "a.c = 'y'", "[a]", "[a.b]", "[a.b.c]", "[[a]]", "[[a.b]]", "[b]", "[[b]]",
            "c = [1, 2,]", "c = [ ]", "c = [1 2]", "d = { }", "d = { x = 1, x = 2 }", "d = { x.y = 1, x.z = 2 }", "d = { x = 1 } e = 2",
            "e = 01", "e = -0", "e = 1__0", "e = 1_0", "e = _1", "e = 9223372036854775808", "e = -9223372036854775808", "e = 1.", "e = .5",
            "e = 1e", "e = 1.5e+3", "e = 1e400", "e = +1.0", "e = 0.0_1", "f = true", "f = truex", "f = TRUE", "g = \"\\u0041\"",
            "g = \"\\uD800\"", "g = \"\\x41\"", "g = \"a\tb\"", "g = \"a\u0001b\"", "g = \"a\u007Fb\"", "g = 'it''s'", "g = \"unclosed",
            "g = \"\u0085\"", "g = \"\uFEFF\"", "# comment \u0001", "# fine comment", "", "  ", "h = \"x\" # c", "\"\" = 1", "'q' = 2",
            "[ 'q' ]", "[a . b]", "[a]]", "[[a] ]", "i.j.k = 3", "i.j = 4", "[i]", "[i.j.l]", "a = { }", "x =", "= 1", "y = [[1], [2]]",
            "z = [{a = 1}, {a = 2}]", "[z]", "[[z]]", "[x.y]", "x.y.z = 1", "[w]\n[w]", "k = 1\r", "k2 = 2\r\n", "bare-key_9 = 3", "é = 1",
        };
        var random = new Random(12);
        int read = 0;
        for (int i = 0; i < 20000; i++)
        {
            var document = new StringBuilder();
            for (int n = random.Next(1, 7); n > 0; n--)
            {
                document.Append(lines[random.Next(lines.Length)]).Append('\n');
            }

            string toml = document.ToString();
            if (TomlValueReader.Read(toml, "/g.toml") is not { } values)
            {
                continue;
            }

            read++;
            DocumentSyntax tree = TomlDepth.Parse(toml, "/g.toml");
            Assert.False(tree.HasErrors, $"read, though Tomlyn refuses it ({tree.Diagnostics.FirstOrDefault()?.Message}):\n{toml}");
            Assert.True(Difference(TomlFileReader.FromSyntax(toml, "/g.toml", false, tree).Root, values) is null,
                $"{Difference(TomlFileReader.FromSyntax(toml, "/g.toml", false, tree).Root, values)} in:\n{toml}");
        }

        output.WriteLine($"{read} of 20000 generated documents read without the syntax tree");
        Assert.True(read > 1000);
    }

    [Fact]
    public void A_file_read_without_the_tree_is_edited_as_before_and_keeps_every_other_byte()
    {
        using var t = new TempTree();
        string path = t.WriteUserConfig("# top\nmodel = \"gpt-5\"\n\n[mcp_servers.docs]  # docs\ncommand = \"npx\"\nenv = { K = \"v\" }\n");
        TomlFile file = TomlFileReader.Read(path);
        Assert.Equal("npx", file.Root.Table("mcp_servers")!.Table("docs")!.String("command"));

        ConfigEdit edit = ConfigEdit.Open(path, file);
        Assert.True(edit.Set(new[] { "mcp_servers", "docs", "enabled" }, TomlEditValue.Boolean(false)));
        edit.Commit();

        Assert.Equal("# top\nmodel = \"gpt-5\"\n\n[mcp_servers.docs]  # docs\ncommand = \"npx\"\nenv = { K = \"v\" }\nenabled = false\n", File.ReadAllText(path));
        // The written version is read back from what the edit kept (no parse), and it is what Tomlyn reads in the file.
        TomlFile written = TomlFileReader.Read(path);
        Assert.Equal(false, ((TomlValueNode)written.Root.Table("mcp_servers")!.Table("docs")!["enabled"]!).Value);
        Assert.Null(Difference(FromTomlyn(File.ReadAllText(path), path), written.Root));
    }

    private static TomlTableNode FromTomlyn(string text, string path)
    {
        DocumentSyntax tree = TomlDepth.Parse(text, path);
        Assert.False(tree.HasErrors);
        return TomlFileReader.FromSyntax(text, path, false, tree).Root;
    }

    /// <summary>The first difference between two node trees (keys, order, kinds, values, locations), or null.</summary>
    private static string? Difference(TomlNode expected, TomlNode actual, string at = "")
    {
        if (expected.Location != actual.Location)
        {
            return $"{at}: at {actual.Location}, expected {expected.Location}";
        }

        switch (expected, actual)
        {
            case (TomlTableNode e, TomlTableNode a):
                if (e.IsInline != a.IsInline || !e.Keys.SequenceEqual(a.Keys))
                {
                    return $"{at}: keys [{string.Join(", ", a.Keys)}] inline {a.IsInline}, expected [{string.Join(", ", e.Keys)}] inline {e.IsInline}";
                }

                return e.Keys.Select(k => Difference(e[k]!, a[k]!, $"{at}.{k}")).FirstOrDefault(d => d is not null);
            case (TomlArrayNode e, TomlArrayNode a):
                if (e.IsTableArray != a.IsTableArray || e.Items.Count != a.Items.Count)
                {
                    return $"{at}: {a.Items.Count} items (table array {a.IsTableArray}), expected {e.Items.Count} ({e.IsTableArray})";
                }

                return e.Items.Select((item, i) => Difference(item, a.Items[i], $"{at}[{i}]")).FirstOrDefault(d => d is not null);
            case (TomlValueNode e, TomlValueNode a):
                bool same = e.IsDateTime == a.IsDateTime && e.Value.GetType() == a.Value.GetType()
                    && (e.Value is double d ? BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits((double)a.Value) : Equals(e.Value, a.Value));
                return same ? null : $"{at}: {a.Value} ({a.Value.GetType().Name}), expected {e.Value} ({e.Value.GetType().Name})";
            default:
                return $"{at}: {actual.GetType().Name}, expected {expected.GetType().Name}";
        }
    }
}
