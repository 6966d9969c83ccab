using System.Text;
using Codex.Plugins.Skills;
using Xunit.Abstractions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Codex.Plugins.Tests.Skills;

/// <summary>PlainYaml must build YamlDotNet's own tree wherever it answers, and leave everything else to YamlDotNet.</summary>
public class PlainYamlTests
{
    private readonly ITestOutputHelper _output;

    public PlainYamlTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData("name: a\ndescription: b")]
    [InlineData("interface:\n  display_name: \"Neon Postgres\"\n  brand_color: \"#37C38F\"\n\ndependencies:\n  tools:\n    - type: \"mcp\"\n      value: \"neon\"\n    - type: env_var\n      value: X\npolicy:\n  allow_implicit_invocation: true\n")]
    [InlineData("description: >\n  Folded text\n  over lines.\nname: x")]
    [InlineData("description: >-\n  Folded, stripped\n  # not a comment\n\nname: x\n")]
    [InlineData("description: |\n  line one\n  line two\n\n\nname: x")]
    [InlineData("description: |-\n    deeper\n    still")]
    [InlineData("short_description: Initiate coverage \u2014 research note (HTML) and Excel\n    model (.xlsx)\nnext: v")]
    [InlineData("metadata:\n  short-description: s\n  paths:\n    - 'lib/**'\n    - 'it''s'\n    - \"x, y\"\n# comment\nname: n")]
    [InlineData("allowed-tools:\nname: n\nempty:")]
    [InlineData("metadata:\n\n  # comment inside\n  k: v\n")]
    [InlineData("name: null\ndescription: ''\nother: \"\"")]
    [InlineData("a: http://h/p?q=1#f\nb: C# and F#, [x] {y}\nc: 100% ok")]
    [InlineData("version: 3.1.0 # x-release-please-version\nlist:\n  - a # note\n  - [data fetching, client]\n  - []\nempty: [ ]\nwords: [a, b.c, d/e]")]
    [InlineData("description: runs on\n  two lines # and a comment\nname: n")]
    public void Reads_the_subset_as_yamldotnet_does(string text)
    {
        YamlMappingNode? plain = PlainYaml.Load(text);
        Assert.NotNull(plain);
        AssertSameTree(LoadWithYamlDotNet(text)!, plain!);
    }

    [Theory]
    [InlineData("name: \"esc\\\"aped\"")]
    [InlineData("name: [\"a\", b]")]
    [InlineData("name: {a: 1}")]
    [InlineData("name: &anchor a")]
    [InlineData("name: !tag a")]
    [InlineData("name: a # comment\n  continued")]
    [InlineData("name: 'a' # comment")]
    [InlineData("name: [a, ]")]
    [InlineData("name: [a, [b]]")]
    [InlineData("name: [a: b]")]
    [InlineData("name: a\nname: b")]
    [InlineData("name: a\n  continued: no")]
    [InlineData("description: >\n  a\n\n  after a blank line")]
    [InlineData("description: >\n  a\n\n  # after a blank line")]
    [InlineData("description: >\n  a\n    more indented")]
    [InlineData("description: >2\n  a")]
    [InlineData("description: |+\n  a\n")]
    [InlineData("description: >\n\n  a")]
    [InlineData("tools:\n- same indentation")]
    [InlineData("name: tab\there")]
    [InlineData("name: a\r\ndescription: b")]
    [InlineData("  indented: root")]
    [InlineData("- a\n- b")]
    [InlineData("just text")]
    [InlineData("")]
    [InlineData("name: 'open")]
    [InlineData("name: \"multi\n  line\"")]
    [InlineData("name: a\n  # comment\n  b")]
    [InlineData("a.b: dotted key")]
    public void Leaves_the_rest_to_yamldotnet(string text)
    {
        Assert.Null(PlainYaml.Load(text));
    }

    [Fact]
    public void Agrees_with_yamldotnet_on_generated_documents()
    {
        // Documents built from the shapes skill YAML uses and the characters YAML treats specially: wherever PlainYaml
        // answers, YamlDotNet must load the same text without an error into the same tree (values and styles).
        string[] keys = { "name", "description", "metadata", "x-y", "_k", "a1", "name", "tools" };
        string[] values =
        {
            "a", "words here", "null", "~", "true", "123", "-x", "x:y", "a #c", "C#", "b:", "http://h/p?q=1#f", "[x", "{y}", "x]",
            "'q'", "'it''s'", "'a'b'", "\"d\"", "\"a\\b\"", "\"\"", "''", "caf\u00e9 \u2014", "\u00A0x", "x\u00A0", "a,b", "(p)", "$v", "/p", "_u",
            "%p", "@a", "`b", "|", ">", ">-", "|-", "|+", ">1", "?", "&a", "*a", "!t", "x\ty", "\U0001F600", "a  b", "...", "---", "- item",
            "[]", "[a, b]", "[a b, c]", "[a,]", "[a: b]", "[x", " # c", " #", "#x", "[1.0, /p]", "[ ]",
        };
        string[] blockLines = { "text", "more text", "# hash", "- dash", "key: value", "  deeper", "", "'q'", "x #y", "\"d\"" };
        var random = new Random(20261208);
        int answered = 0;
        for (int i = 0; i < 20000; i++)
        {
            string text = Generate(random, keys, values, blockLines);
            if (PlainYaml.Load(text) is not { } plain)
            {
                continue;
            }

            answered++;
            YamlMappingNode? reference;
            try
            {
                reference = LoadWithYamlDotNet(text);
            }
            catch (YamlException ex)
            {
                Assert.Fail($"PlainYaml read what YamlDotNet refuses ({ex.Message}):\n{text}");
                return;
            }

            Assert.True(reference is not null, $"PlainYaml read a mapping where YamlDotNet read none:\n{text}");
            AssertSameTree(reference!, plain, text);
        }

        _output.WriteLine($"{answered} of 20000 generated documents read by PlainYaml");
        Assert.True(answered > 3000);
    }

    [Fact]
    public void Agrees_with_yamldotnet_on_every_skill_of_the_curated_corpus()
    {
        string corpus = Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "corpora", "openai-plugins"));
        if (!Directory.Exists(corpus))
        {
            _output.WriteLine($"skipped: {corpus} is not beside this clone");
            return;
        }

        int frontMatters = 0, read = 0;
        foreach (string file in Directory.EnumerateFiles(corpus, "SKILL.md", SearchOption.AllDirectories))
        {
            if (SkillFrontMatter.Extract(File.ReadAllText(file)) is not { } frontMatter)
            {
                continue;
            }

            frontMatters++;
            Assert.Equal(SkillFrontMatter.ParseFullYaml(frontMatter, out SkillFrontMatterError? fullError), SkillFrontMatter.ParseYaml(frontMatter, out SkillFrontMatterError? error));
            Assert.Equal(fullError, error);
            if (PlainYaml.Load(frontMatter) is { } plain)
            {
                read++;
                AssertSameTree(LoadWithYamlDotNet(SkillFrontMatter.Relax(frontMatter))!, plain, file);
            }
        }

        int metadataFiles = 0, metadataRead = 0;
        foreach (string file in Directory.EnumerateFiles(corpus, "openai.yaml", SearchOption.AllDirectories))
        {
            metadataFiles++;
            string text = File.ReadAllText(file);
            if (PlainYaml.Load(text) is { } plain)
            {
                metadataRead++;
                AssertSameTree(LoadWithYamlDotNet(text)!, plain, file);
            }
        }

        _output.WriteLine($"PlainYaml read {read} of {frontMatters} front matters and {metadataRead} of {metadataFiles} openai.yaml files");
        Assert.True(read > frontMatters * 3 / 4 && metadataRead > metadataFiles * 3 / 4);
    }

    private static string Generate(Random random, string[] keys, string[] values, string[] blockLines)
    {
        var sb = new StringBuilder();
        var used = new HashSet<string>();
        for (int entries = random.Next(1, 5); entries > 0; entries--)
        {
            string key = keys[random.Next(keys.Length)];
            if (!used.Add(key) && random.Next(4) != 0)
            {
                continue;
            }

            switch (random.Next(6))
            {
                case 0:
                    sb.Append(key).Append(":\n");
                    for (int n = random.Next(0, 3); n > 0; n--)
                    {
                        sb.Append(random.Next(6) == 0 ? "   " : "  ").Append(random.Next(2) == 0 ? "- " : keys[random.Next(keys.Length)] + ": ").Append(Value(random, values)).Append('\n');
                    }

                    break;
                case 1:
                    sb.Append(key).Append(": ").Append(new[] { ">", ">-", "|", "|-" }[random.Next(4)]).Append('\n');
                    for (int n = random.Next(0, 4); n > 0; n--)
                    {
                        sb.Append(random.Next(5) == 0 ? string.Empty : "  ").Append(blockLines[random.Next(blockLines.Length)]).Append(random.Next(8) == 0 ? " " : string.Empty).Append('\n');
                    }

                    break;
                case 2:
                    sb.Append(key).Append(": ").Append(Value(random, values)).Append('\n').Append("  ").Append(Value(random, values)).Append('\n');
                    break;
                case 3:
                    sb.Append(key).Append(":\n  - ").Append(keys[random.Next(keys.Length)]).Append(": ").Append(Value(random, values))
                      .Append("\n    ").Append(keys[random.Next(keys.Length)]).Append(": ").Append(Value(random, values)).Append('\n');
                    break;
                default:
                    sb.Append(key).Append(": ").Append(Value(random, values)).Append(random.Next(6) == 0 ? "\n# note\n\n" : "\n");
                    break;
            }
        }

        return sb.ToString();
    }

    private static string Value(Random random, string[] values)
    {
        var sb = new StringBuilder();
        for (int p = random.Next(0, 3); p >= 0; p--)
        {
            sb.Append(random.Next(3) == 0 ? values[random.Next(values.Length)] : values[random.Next(2)]);
        }

        return sb.ToString();
    }

    private static YamlMappingNode? LoadWithYamlDotNet(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode as YamlMappingNode;
    }

    private static void AssertSameTree(YamlNode expected, YamlNode actual, string? context = null)
    {
        string where = context is null ? string.Empty : $" in:\n{context}";
        switch (expected)
        {
            case YamlScalarNode e:
                var a = Assert.IsType<YamlScalarNode>(actual);
                Assert.True(e.Value == a.Value && e.Style == a.Style, $"YamlDotNet read {e.Style} '{e.Value}', PlainYaml {a.Style} '{a.Value}'{where}");
                break;
            case YamlSequenceNode e:
                var s = Assert.IsType<YamlSequenceNode>(actual);
                Assert.True(e.Children.Count == s.Children.Count && e.Style == s.Style, $"sequences differ in length or style{where}");
                for (int i = 0; i < e.Children.Count; i++)
                {
                    AssertSameTree(e.Children[i], s.Children[i], context);
                }

                break;
            case YamlMappingNode e:
                var m = Assert.IsType<YamlMappingNode>(actual);
                Assert.True(e.Children.Count == m.Children.Count && e.Style == m.Style, $"mappings differ in size or style{where}");
                foreach (var ((ek, ev), (ak, av)) in e.Children.Zip(m.Children))
                {
                    AssertSameTree(ek, ak, context);
                    AssertSameTree(ev, av, context);
                }

                break;
            default:
                Assert.Fail($"unexpected node {expected.GetType().Name}{where}");
                break;
        }
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
